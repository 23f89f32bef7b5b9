"""The nudge services of one core (the core's slot table and its planner), shared by the
scheduler, the commands and the listeners of that core."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .planner import Planner

if TYPE_CHECKING:
    from ..services import Services

NAME = "nudges"


class Nudges:
    """Set up once per core when the nudges feature is composed (`bot/nudges/feature.py`)."""

    def __init__(self, core: Services) -> None:
        self.core = core
        self.slots = core.slots  # the core's, where other features plan one-off posts too
        self.planner = Planner(core, self.slots)


def nudges_for(core: Services) -> Nudges:
    """The one Nudges service of `core` (the nudges feature must be composed into it)."""
    return cast(Nudges, core.state(NAME))
