"""The actions feature's declaration ("You said, we did"): commands, buttons, reminders, posts."""

from __future__ import annotations

from ..feature import collect
from ..hooks import REFLECTION_CARD, REFLECTION_OPENING
from . import buttons, commands, erase, reflection, reminders, report, summary

FEATURE = collect(
    "actions",
    buttons,
    commands,
    erase,
    reminders,
    report,
    summary,
    hooks=(
        (REFLECTION_OPENING, reflection.opening),
        (REFLECTION_CARD, reflection.with_actions),
    ),
)
