"""The admin kit: `admin <name> …` subcommand specs, rights, validation and audit.

A feature adds its admin subcommand as one function: decorate `async def handler(req)` with
`@admin_command(...)` in a module its `Feature` collects (see docs/admin.md). The built-in
subcommands are the admin feature, in `bot/admin/subcommands/` (`bot/admin/feature.py`)."""

from __future__ import annotations

from .audit import said
from .registry import (
    AdminSpec,
    SettingField,
    admin_command,
    admin_commands,
    setting_field,
    setting_fields,
)
from .request import AdminRequest
from .validate import Invalid

__all__ = [
    "AdminRequest",
    "AdminSpec",
    "Invalid",
    "SettingField",
    "admin_command",
    "admin_commands",
    "said",
    "setting_field",
    "setting_fields",
]
