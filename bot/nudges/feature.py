"""The nudges feature's declaration: meetings, reflections, reminders and their admin commands."""

from __future__ import annotations

from ..feature import collect
from ..hooks import REPORT_TALLIES
from . import admin_quiet_hours, admin_reminders, commands, meeting, reflect, replan, tallies
from .service import NAME, Nudges

FEATURE = collect(
    NAME,
    meeting,
    reflect,
    commands,
    admin_reminders,
    admin_quiet_hours,
    replan,
    tallies,
    setup=Nudges,
    hooks=((REPORT_TALLIES, tallies.recent_tallies),),
)
