"""The admin kit's specs: `admin <name> …` subcommands and the settings form's fields."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..marks import mark

if TYPE_CHECKING:
    from ..model import Reply
    from ..services import Composition
    from .request import AdminRequest

AdminHandler = Callable[["AdminRequest"], Awaitable[list["Reply"]]]


@dataclass(frozen=True)
class AdminSpec:
    """`/coprod admin <name> …`. Its help line is the message `summary` (an id), its correct
    forms `usage` and `examples` message ids (shown when a value is refused, and in `admin`
    help)."""

    name: str
    handler: AdminHandler
    usage: tuple[str, ...]
    examples: tuple[str, ...]
    summary: str
    order: int = 100


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
    """Mark `handler(req)` as `/coprod admin <name> <req.args>` (its feature brings it).

    Rights are already checked when the handler runs. `usage` is the message id of each correct
    form (`"admin.usage.timezone.1"`: "admin timezone <zone>"), `example` of one or more runnable
    commands (`"admin.example.timezone.1"`: "/coprod admin timezone Europe/London"), both in
    `prompts/messages/command_forms.yaml`, and `summary` the message id of its one-line help
    (default `admin.help.<name>`). Raise `Invalid(message_id, **values)` for a bad value."""

    def register(handler: AdminHandler) -> AdminHandler:
        spec = AdminSpec(
            name, handler, _many(usage), _many(example), summary or f"admin.help.{name}", order
        )
        return mark(handler, "admin", spec)

    return register


def admin_commands(registry: Composition) -> list[AdminSpec]:
    """The admin subcommands the features of one core bring, in help order."""
    specs: list[AdminSpec] = list(registry.admin_commands.values())
    return sorted(specs, key=lambda s: (s.order, s.name))


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
    coprod_kind: ClassVar[str] = "setting_field"  # `bot.feature.collect` picks these up


def setting_field(field: SettingField) -> SettingField:
    """A channel setting for the admin settings form (`admin settings`): keep it at module
    level, and the feature that collects the module brings it."""
    return field


def setting_fields(registry: Composition) -> list[SettingField]:
    """The settings form's fields the features of one core bring, in form order."""
    fields: list[SettingField] = list(registry.setting_fields.values())
    return sorted(fields, key=lambda f: (f.order, f.setting))
