"""Admin configuration: the `admin <name> …` subcommand registry, rights, validation and audit.

A feature adds its admin subcommand as one module: decorate `async def handler(req)` with
`@admin_command(...)` (see docs/admin.md). Modules in `bot/admin/subcommands/` are imported
automatically; a feature module under `bot/commands/` may also register one itself."""

from __future__ import annotations

import importlib
import pkgutil

from .registry import (
    ADMIN_COMMANDS,
    SETTING_FIELDS,
    AdminSpec,
    SettingField,
    admin_command,
    admin_commands,
    setting_field,
)
from .request import AdminRequest
from .validate import Invalid

__all__ = [
    "ADMIN_COMMANDS",
    "SETTING_FIELDS",
    "AdminRequest",
    "AdminSpec",
    "Invalid",
    "SettingField",
    "admin_command",
    "admin_commands",
    "setting_field",
]

from . import subcommands as _subcommands

for _module in pkgutil.iter_modules(_subcommands.__path__):
    importlib.import_module(f"{_subcommands.__name__}.{_module.name}")
