"""The actions feature's declaration ("You said, we did"): commands, buttons, reminders, posts."""

from __future__ import annotations

from ..feature import collect
from . import buttons, commands, erase, reminders, report, summary

FEATURE = collect("actions", buttons, commands, erase, reminders, report, summary)
