"""Registers the nudge commands, buttons and meeting-end listener (they live in `bot.nudges`)."""

from __future__ import annotations

from ..nudges import commands as _commands  # noqa: F401
