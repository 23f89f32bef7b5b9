"""A feature's declaration: the commands, actions, listeners, erasers and posts it brings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .marks import (
    MARK,
    ActionHandler,
    CommandSpec,
    Eraser,
    Listener,
    OneOffHandler,
    ScoresProvider,
    SmallTalk,
)

if TYPE_CHECKING:
    from .services import Services

# Builds the feature's own state for one core (its services, caches); `core.state(name)` has it.
Setup = Callable[["Services"], object]


@dataclass(frozen=True)
class Feature:
    """What one feature brings. `runtime/` chooses the features a core runs; none imports another.

    `admin_commands` and `setting_fields` are the admin kit's `AdminSpec`s and `SettingField`s
    (`bot/admin/registry.py`); `setup(core)` builds the feature's state once per core."""

    name: str
    commands: tuple[CommandSpec, ...] = ()
    actions: tuple[tuple[str, ActionHandler], ...] = ()
    listeners: tuple[tuple[type, Listener], ...] = ()
    erasers: tuple[Eraser, ...] = ()
    scores: tuple[ScoresProvider, ...] = ()
    one_offs: tuple[tuple[str, OneOffHandler], ...] = ()  # (slot kind, handler)
    # Sections of the report file (`bot/report/sections.py`): (order, provider).
    report_sections: tuple[tuple[int, Callable[..., Any]], ...] = ()
    # The channel settings it reads and their shipped defaults (`bot/channel_settings.py`).
    settings: tuple[tuple[str, Any], ...] = ()
    small_talk: tuple[SmallTalk, ...] = ()
    # Other words for commands, any feature's (another language's): (word, command name).
    words: tuple[tuple[str, str], ...] = ()
    # What this feature adds at another feature's named points (`bot/hooks.py`): (point, fn).
    hooks: tuple[tuple[str, Callable[..., Any]], ...] = ()
    admin_commands: tuple[Any, ...] = ()
    setting_fields: tuple[Any, ...] = ()
    setup: Setup | None = None


def collect(
    name: str,
    *modules: ModuleType | object,
    setup: Setup | None = None,
    small_talk: tuple[SmallTalk, ...] = (),
    words: tuple[tuple[str, str], ...] = (),
    hooks: tuple[tuple[str, Callable[..., Any]], ...] = (),
    settings: Mapping[str, Any] | None = None,
) -> Feature:
    """The feature `name` made of what `modules` define: functions marked by `@command`,
    `@action`, `@on`, `@eraser`, `@scores_provider`, `@one_off`, `@report_section` and
    `@admin_command`, and
    module-level setting fields (objects whose class says `coprod_kind = "setting_field"`). A
    name a module only imports is left to the module that defines it. A marked function or a
    field may be given instead of a module."""
    found: dict[str, list[Any]] = {}
    seen: set[int] = set()
    for module in modules:
        if not isinstance(module, ModuleType):
            module = _Loose(module)
        for value in list(vars(module).values()):
            if id(value) in seen:
                continue
            if getattr(type(value), "coprod_kind", None) == "setting_field":
                seen.add(id(value))
                found.setdefault("setting_field", []).append(value)
                continue
            marks = getattr(value, MARK, None)
            if not marks or getattr(value, "__module__", None) not in (module.__name__, None):
                continue
            seen.add(id(value))
            for kind, detail in marks:
                found.setdefault(kind, []).append((detail, value))
    return Feature(
        name=name,
        commands=tuple(spec for spec, _ in found.get("command", [])),
        actions=tuple((prefix, fn) for prefix, fn in found.get("action", [])),
        listeners=tuple((kind, fn) for kind, fn in found.get("listener", [])),
        erasers=tuple(fn for _, fn in found.get("eraser", [])),
        scores=tuple(fn for _, fn in found.get("scores", [])),
        one_offs=tuple((kind, fn) for kind, fn in found.get("one_off", [])),
        report_sections=tuple((order, fn) for order, fn in found.get("report_section", [])),
        settings=tuple((settings or {}).items()),
        admin_commands=tuple(spec for spec, _ in found.get("admin", [])),
        setting_fields=tuple(found.get("setting_field", [])),
        small_talk=small_talk,
        words=words,
        hooks=hooks,
        setup=setup,
    )


class _Loose(ModuleType):
    """One marked function or field, read as if it were a module that defines only it."""

    def __init__(self, value: object) -> None:
        super().__init__("")
        self.value = value
        self.__name__ = getattr(value, "__module__", "") or ""
