"""The nudge services of one core (its slot table and planner), shared by the scheduler,
the commands and the listeners of that core."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .planner import Planner
from .slots import SlotTable

if TYPE_CHECKING:
    from ..core import Core


class Nudges:
    def __init__(self, core: Core) -> None:
        self.core = core
        self.slots = SlotTable(core.store)
        self.planner = Planner(core, self.slots)


_SERVICES: WeakKeyDictionary[Core, Nudges] = WeakKeyDictionary()


def nudges_for(core: Core) -> Nudges:
    """The one Nudges service of `core`, created on first use."""
    service = _SERVICES.get(core)
    if service is None:
        service = _SERVICES[core] = Nudges(core)
    return service
