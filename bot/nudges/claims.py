"""The clock nudge claims are taken and judged by: the store's own on a shared store, so a
replica whose clock runs ahead cannot take a claim another replica still holds.

Each claim records `claimed_at` from this clock, and a claim is stale once this clock says it
is older than the claim timeout. On PostgreSQL that is the database server's clock (one clock
for every replica; see `bot.store.base.HasClock`); on a store only one process uses (TinyDB)
it is the process's own clock. The scheduler's due times, guards and logs keep the process
clock; only claims use this one."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..clock import Clock
from ..store import Store
from ..store.base import HasClock


class ClaimClock:
    """`await now()`: the time for claims. `offset()` is how far the process clock is ahead
    of it, to turn a claim's time into a due time on the scheduler's heap."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    async def now(self) -> datetime:
        if isinstance(self.store, HasClock):
            return await self.store.now()
        return self.clock.now()

    async def offset(self) -> timedelta:
        """The process clock less the claim clock (zero when they are the same clock)."""
        if not isinstance(self.store, HasClock):
            return timedelta(0)
        return self.clock.now() - await self.now()
