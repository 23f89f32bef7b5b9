"""The `admin <name> …` subcommands and the admin settings form's fields: one registry each."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Reply
    from .request import AdminRequest

AdminHandler = Callable[["AdminRequest"], Awaitable[list["Reply"]]]


@dataclass(frozen=True)
class AdminSpec:
    """`/coprod admin <name> …`. Its help line is the message `summary` (an id), its correct
    form `usage` and `examples` (shown when a value is refused, and in `admin` help)."""

    name: str
    handler: AdminHandler
    usage: tuple[str, ...]
    examples: tuple[str, ...]
    summary: str
    order: int = 100


ADMIN_COMMANDS: dict[str, AdminSpec] = {}


def _many(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def admin_command(
    name: str,
    *,
    usage: str | tuple[str, ...],
    example: str | tuple[str, ...],
    summary: str | None = None,
    order: int = 100,
) -> Callable[[AdminHandler], AdminHandler]:
    """Register `handler(req)` for `/coprod admin <name> <req.args>`.

    Rights are already checked when the handler runs. `usage` is the correct form (for example
    `"admin timezone <zone>"`), `example` one or more runnable commands (`"/coprod admin timezone
    Europe/London"`), and `summary` the message id of its one-line help (default
    `admin.help.<name>`). Raise `Invalid(message_id, **values)` for a bad value."""

    def register(handler: AdminHandler) -> AdminHandler:
        if name in ADMIN_COMMANDS and ADMIN_COMMANDS[name].handler is not handler:
            raise ValueError(f"admin subcommand {name!r} is registered twice")
        ADMIN_COMMANDS[name] = AdminSpec(
            name, handler, _many(usage), _many(example), summary or f"admin.help.{name}", order
        )
        return handler

    return register


def admin_commands() -> list[AdminSpec]:
    return sorted(ADMIN_COMMANDS.values(), key=lambda s: (s.order, s.name))


@dataclass(frozen=True)
class SettingField:
    """One channel setting on the admin settings form: a text box, or a single choice when
    `choices` lists (value, label message id) pairs.

    `parse(text)` turns what the admin typed into the stored value, raising `Invalid` with a
    message that shows the correct form; `show(value)` turns the stored value back into text
    for the box. `label` and `hint` are message ids; `example` fills the empty box."""

    setting: str
    label: str
    parse: Callable[[str], Any]
    show: Callable[[Any], str] = str
    hint: str = ""
    example: str = ""
    order: int = 100
    choices: tuple[tuple[str, str], ...] = ()


SETTING_FIELDS: dict[str, SettingField] = {}


def setting_field(field: SettingField) -> SettingField:
    """Put a channel setting on the admin settings form (`admin settings`)."""
    SETTING_FIELDS[field.setting] = field
    return field


def setting_fields() -> list[SettingField]:
    return sorted(SETTING_FIELDS.values(), key=lambda f: (f.order, f.setting))
