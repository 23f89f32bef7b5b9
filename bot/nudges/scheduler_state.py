"""What the scheduler's parts share: its attributes, the tick's report, and its constants."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core import Core
    from ..scheduling.slots import SlotTable
    from .claims import ClaimClock
    from .pacing import Pacer
    from .planner import Planner

RECENT_MEETING_END = timedelta(minutes=60)
# A post (with the adapter's retries and rate-limit waits) gets at most this share of the claim
# timeout: the rest is margin for a post the platform took late to show in its history.
SEND_SHARE = 0.5


@dataclass
class TickReport:
    """What one tick did. `find_ms` is the time spent finding the due slots."""

    due: int = 0
    sent: int = 0
    recovered: int = 0
    replanned: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    find_ms: float = 0.0
    pruned: int = 0
    more: bool = False  # more slots were due than one tick takes: tick again at once


class SchedulerState:
    """The attributes `Scheduler.__init__` sets, which every part of it reads."""

    core: Core
    slots: SlotTable
    planner: Planner
    grace: timedelta | None
    claim_timeout: timedelta
    claims: ClaimClock
    send_timeout: float
    pacer: Pacer
    inflight: set[str]
    started_at: datetime | None

    @property
    def clock(self) -> Any:
        return self.core.clock
