"""The admin feature's declaration: `admin` and its built-in subcommands, and the audit eraser."""

from __future__ import annotations

from ...feature import collect
from .. import audit
from . import (
    admins,
    command,
    language,
    prompt_changes,
    prompt_list,
    prompts,
    settings,
    timezone,
)
from . import audit as audit_command

FEATURE = collect(
    "admin",
    audit,
    command,
    admins,
    audit_command,
    language,
    prompts,
    prompt_list,
    prompt_changes,
    settings,
    timezone,
)
