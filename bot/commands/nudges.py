"""Registers the nudge commands, buttons, meeting-end listener and admin subcommands (they live
in `bot.nudges`)."""

from __future__ import annotations

from ..nudges import admin_quiet_hours as _quiet_hours  # noqa: F401
from ..nudges import admin_reminders as _reminders  # noqa: F401
from ..nudges import commands as _commands  # noqa: F401
