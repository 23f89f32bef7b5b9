"""The jargon feature's state in one core: its hold-back, defined short forms and word overlay."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .holdback import HoldBack
from .memory import Definitions

if TYPE_CHECKING:
    from ..services import Services

NAME = "jargon"


class Jargon:
    """Set up once per core when the jargon feature is composed (`bot/jargon/feature.py`)."""

    def __init__(self, core: Services) -> None:
        self.holdback = HoldBack(core.store)  # one per core: the hourly purge runs once an hour
        self.defined = Definitions()  # short forms defined in each conversation (memory.py)
        self.overlay: object = None  # overlay.py's JargonOverlay, built on first use


def jargon_for(core: Services) -> Jargon:
    """The jargon state of `core` (the feature must be composed into it)."""
    return cast(Jargon, core.state(NAME))
