"""What a feature can bring (commands, card actions, listeners, erasers) and one core's registry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .context import Context
    from .feature import Feature
    from .model import Event, Reply
    from .store import Doc

Replies = list["Reply"]
CommandHandler = Callable[["Context", str], Awaitable[Replies]]
ActionHandler = Callable[["Context"], Awaitable[Replies]]
Listener = Callable[["Context"], Awaitable[Replies]]
# `forget me`: each feature that keeps something about a person brings an eraser that
# deletes it and returns how many records went.
Eraser = Callable[["Context"], Awaitable[int]]
# Per-principle scores of a channel (1 = Not yet … 4 = Embedded) from its latest check round.
# The check feature provides them; nudges weight reflections toward the weakest principles.
ScoresProvider = Callable[["Context"], Awaitable[dict[int, float]]]
# A one-off post's handler (`bot/scheduling/one_off.py`): called with the slot when it falls
# due; the post, or None when there is nothing to post.
OneOffHandler = Callable[[Any, "Doc"], Awaitable["Reply | None"]]
# Replies to text that names no command ("thanks", "hello"), or an empty list.
SmallTalk = Callable[["Context", str], Replies]

MARK = "__coprod__"  # the attribute where the decorators below note what a handler is for
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CommandSpec:
    """A `/coprod <name>` command. Its help line is the message `help.cmd.<name>`; `example`
    is the message id of a runnable example (`help.example.<name>`, in command_forms.yaml)."""

    name: str
    handler: CommandHandler
    group: str
    example: str
    order: int = 100
    aliases: tuple[str, ...] = ()
    hidden: bool = False


GROUPS = ("learn", "team", "meetings", "you", "admin")


def mark(handler: F, kind: str, value: object) -> F:
    """Note on `handler` that it is a `kind` (command, action, …); `Feature.collect` reads it."""
    marks: list[tuple[str, object]] = handler.__dict__.setdefault(MARK, [])
    marks.append((kind, value))
    return handler


def command(
    name: str,
    *,
    group: str,
    example: str,
    order: int = 100,
    aliases: tuple[str, ...] = (),
    hidden: bool = False,
) -> Callable[[CommandHandler], CommandHandler]:
    """Mark `handler(ctx, args)` as the handler of `/coprod <name> <args>`."""
    if group not in GROUPS:
        raise ValueError(f"unknown help group {group!r}; use one of {GROUPS}")

    def register(handler: CommandHandler) -> CommandHandler:
        spec = CommandSpec(name, handler, group, example, order, aliases, hidden)
        return mark(handler, "command", spec)

    return register


def action(prefix: str) -> Callable[[ActionHandler], ActionHandler]:
    """Mark `handler(ctx)` for card actions whose id is `prefix` or starts with `prefix.`."""

    def register(handler: ActionHandler) -> ActionHandler:
        return mark(handler, "action", prefix)

    return register


def on(event_type: type[Event]) -> Callable[[Listener], Listener]:
    """Mark `handler(ctx)` for every event of `event_type` (channel messages, meetings…)."""

    def register(handler: Listener) -> Listener:
        return mark(handler, "listener", event_type)

    return register


def eraser(handler: Eraser) -> Eraser:
    """Mark `handler(ctx)` as what erases this feature's records of `ctx.user`."""
    return mark(handler, "eraser", None)


def scores_provider(handler: ScoresProvider) -> ScoresProvider:
    """Mark `handler(ctx)` as the source of per-principle scores (the check feature)."""
    return mark(handler, "scores", None)


def one_off(kind: str) -> Callable[[OneOffHandler], OneOffHandler]:
    """Mark `handler(core, slot)` as what posts the one-off slots of `kind` (a name no nudge
    kind uses) when they fall due (`bot/scheduling/one_off.py`)."""

    def register(handler: OneOffHandler) -> OneOffHandler:
        return mark(handler, "one_off", kind)

    return register


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
