"""The actions feature's declaration ("You said, we did"): commands, buttons, reminders, posts."""

from __future__ import annotations

from ..feature import collect
from ..hooks import (
    ADMIN_EXPORT,
    REFLECTION_CARD,
    REFLECTION_OPENING,
    RESULTS_DONE,
    RESULTS_STEP,
    ROUND_CLOSED,
)
from . import (
    admin_export,
    buttons,
    cards,
    commands,
    erase,
    reflection,
    reminders,
    report,
    rounds,
    summary,
)

FEATURE = collect(
    "actions",
    buttons,
    commands,
    erase,
    reminders,
    report,
    summary,
    settings=summary.SETTINGS,
    hooks=(
        (REFLECTION_OPENING, reflection.opening),
        (REFLECTION_CARD, reflection.with_actions),
        (RESULTS_DONE, rounds.done_by_principle),
        (RESULTS_STEP, cards.make_button),
        (ROUND_CLOSED, summary.round_closed),
        (f"{ADMIN_EXPORT}.actions", admin_export.export_actions),
    ),
)
