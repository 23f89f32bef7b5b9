"""One core's registry: everything the features composed into it bring, by name or event type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .marks import (
    GROUPS,
    ActionHandler,
    CommandSpec,
    Eraser,
    Listener,
    OneOffHandler,
    ScoresProvider,
    SmallTalk,
)

if TYPE_CHECKING:
    from .context import Context
    from .feature import Feature


class Registry:
    """Everything the features composed into one core bring, found by name or event type."""

    def __init__(
        self, features: Iterable[Feature] = (), *, settings: Mapping[str, Any] | None = None
    ) -> None:
        self.features: list[Feature] = []
        # Channel settings' shipped defaults: the shared ones (`settings`), then each feature's.
        self.settings: dict[str, Any] = dict(settings or {})
        self.report_sections: list[tuple[int, Callable[..., Any]]] = []  # (order, provider)
        self.commands: dict[str, CommandSpec] = {}
        self.aliases: dict[str, str] = {}
        self.words: dict[str, str] = {}  # other words, below any command's own aliases
        self.hooks: dict[str, list[Callable[..., Any]]] = {}  # `bot/hooks.py`
        self.actions: dict[str, ActionHandler] = {}
        self.listeners: dict[type, list[Listener]] = {}
        self.erasers: list[Eraser] = []
        self.scores: list[ScoresProvider] = []
        self.small_talk: list[SmallTalk] = []
        self.one_offs: dict[str, OneOffHandler] = {}  # by slot kind
        # The admin kit's specs (`bot.admin.registry`): the kernel keeps them, never reads them.
        self.admin_commands: dict[str, Any] = {}
        self.setting_fields: dict[str, Any] = {}
        for feature in features:
            self.add(feature)

    def add(self, feature: Feature) -> None:
        """Add what `feature` brings. A name brought twice is refused."""
        if any(f.name == feature.name for f in self.features):
            raise ValueError(f"feature {feature.name!r} is composed twice")
        self.features.append(feature)
        for spec in feature.commands:
            if spec.name in self.commands:
                raise ValueError(f"command {spec.name!r} is brought twice")
            self.commands[spec.name] = spec
            for alias in spec.aliases:
                self.aliases[alias] = spec.name
        for prefix, handler in feature.actions:
            self.actions[prefix] = handler
        for event_type, listener in feature.listeners:
            self.listeners.setdefault(event_type, []).append(listener)
        self.erasers.extend(feature.erasers)
        self.scores.extend(feature.scores)
        self.small_talk.extend(feature.small_talk)
        for kind, post in feature.one_offs:
            if kind in self.one_offs:
                raise ValueError(f"one-off kind {kind!r} is brought twice")
            self.one_offs[kind] = post
        for name, default in feature.settings:
            if name in self.settings:
                raise ValueError(f"setting {name!r} is declared twice")
            self.settings[name] = default
        self.report_sections.extend(feature.report_sections)
        self.report_sections.sort(key=lambda s: s[0])
        for word, name in feature.words:
            self.words.setdefault(word, name)
        for point, hook in feature.hooks:
            self.hooks.setdefault(point, []).append(hook)
        for admin in feature.admin_commands:
            if admin.name in self.admin_commands:
                raise ValueError(f"admin subcommand {admin.name!r} is brought twice")
            self.admin_commands[admin.name] = admin
        for setting in feature.setting_fields:
            self.setting_fields[setting.setting] = setting

    def report_providers(self) -> list[Callable[..., Any]]:
        """The report file's section providers (`bot/report/sections.py`), by their order."""
        return [provider for _order, provider in self.report_sections]

    def hooked(self, point: str) -> list[Callable[..., Any]]:
        """What the features hook at `point` (`bot/hooks.py`), in composition order."""
        return list(self.hooks.get(point, ()))

    def find_action(self, action_id: str) -> ActionHandler | None:
        parts = action_id.split(".")
        for cut in range(len(parts), 0, -1):
            handler = self.actions.get(".".join(parts[:cut]))
            if handler is not None:
                return handler
        return None

    def resolve(self, name: str) -> CommandSpec | None:
        found = self.commands.get(name)
        if found is None:
            found = self.commands.get(self.aliases.get(name) or self.words.get(name, ""))
        return found

    def visible_commands(self) -> list[CommandSpec]:
        return sorted(
            (c for c in self.commands.values() if not c.hidden),
            key=lambda c: (GROUPS.index(c.group), c.order, c.name),
        )


async def principle_scores(ctx: Context) -> dict[int, float]:
    """This channel's latest per-principle scores; empty when no round has results yet."""
    merged: dict[int, float] = {}
    for provider in ctx.core.registry.scores:
        merged.update(await provider(ctx))
    return merged
