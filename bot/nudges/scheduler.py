"""The nudge scheduler: each tick finds due slots, claims each atomically, posts it through the
adapter's proactive send and marks it sent, so every slot is posted once across restarts.

Order per slot: check the guards (off, pause, grace, quiet hours, recent meeting end) → compose
the content → claim (`planned` → `sending`, compare-and-set, with a claim token and time) →
plan the source's next slot → count it against the daily cap → pace → send → mark `sent`.
A claim left by a process that died (older than `claim_timeout`) is recovered: if the adapter
can confirm delivery (`Capabilities.confirms_delivery`), the slot is marked sent or re-sent as the
platform says; if it cannot tell, the slot is skipped and logged (at most once, never doubled).
Claims are timed by the claim clock (`claims.ClaimClock`: the database's on PostgreSQL), and
a live claim never goes stale: just before posting the claim is renewed (a new token, so a
replica that judged the old one stale cannot take it), and the post is bounded by
`send_timeout`, below the claim timeout; a post cut short has an unknown outcome, settled as a
failed send is. See docs/nudges.md."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..scheduling.slots import PLANNED, SENDING, parse_iso, ts
from .claims import ClaimClock
from .pacing import Pacer, PostBudgets
from .recovery import Recovery
from .scheduler_state import RECENT_MEETING_END, SEND_SHARE, TickReport
from .service import nudges_for

if TYPE_CHECKING:
    from ..core import Core

__all__ = ["RECENT_MEETING_END", "SEND_SHARE", "Scheduler", "TickReport"]

log = logging.getLogger(__name__)


class Scheduler(Recovery):
    """Drive with `await start()` then `await tick()` (tests, with a FakeClock), or `run()`.
    Firing a slot is `firing.py`, posting it `posting.py`, recovering a dead claim
    `recovery.py`."""

    def __init__(
        self,
        core: Core,
        *,
        grace: timedelta | None = None,
        claim_timeout: timedelta = timedelta(seconds=60),
        reconcile_every: timedelta = timedelta(minutes=5),
        refresh_every: timedelta | None = None,
        retention: timedelta | None = None,
        prune_every: timedelta = timedelta(hours=1),
        pacer: Pacer | None = None,
        concurrency: int = 32,
        batch: int = 1000,
        claim_clock: ClaimClock | None = None,
        send_timeout: float | None = None,
    ) -> None:
        self.core = core
        service = nudges_for(core)
        self.slots = service.slots
        self.planner = service.planner
        self.grace = grace
        self.claim_timeout = claim_timeout
        self.claims = claim_clock or ClaimClock(core.store, core.clock)
        # Real seconds one post may take, retries and Retry-After waits included (tests with
        # a fake or accelerated clock give it explicitly; it must stay below the timeout).
        limit = claim_timeout.total_seconds()
        self.send_timeout = send_timeout if send_timeout is not None else limit * SEND_SHARE
        if not 0 < self.send_timeout < limit:
            raise ValueError("send_timeout must be positive and below the claim timeout")
        self.reconcile_every = reconcile_every
        # Replicas on a shared store look for slots planned or claimed elsewhere (cheap: an
        # indexed query for what falls due before the next look, plus the claimed slots).
        shared = getattr(core.store, "shared", False)
        self.refresh_every = refresh_every or (timedelta(seconds=30) if shared else None)
        if retention is not None:
            self.planner.retention = retention
        self.prune_every = prune_every
        self._pruned_at: datetime | None = None
        self._pruned_days: set[str] = set()
        self.pacer = pacer or Pacer()
        if self.pacer.budgets is None:  # each adapter's declared budget
            self.pacer.budgets = PostBudgets(core)
        self.concurrency = concurrency
        # At most this many due slots per tick, so finding them stays well under 10 ms even
        # when every channel's weekly reminder falls due at once; `run` ticks again at once.
        self.batch = batch
        self.inflight: set[str] = set()
        self.started_at: datetime | None = None
        self._reconciled: datetime | None = None
        self._refreshed: datetime | None = None

    async def start(self) -> None:
        """Rebuild the due-time index from the store and plan any source without a slot."""
        now = self.clock.now()
        offset = (await self.claims.offset()).total_seconds()
        count = await self.slots.load(self.claim_timeout.total_seconds(), offset)
        planned = await self.planner.ensure_all(now)
        self.started_at = self._reconciled = self._refreshed = now
        log.info("Nudge scheduler started: %d open slots, %d newly planned", count, planned)

    async def tick(self) -> TickReport:
        """Post every nudge that is due now."""
        if self.started_at is None:
            await self.start()
        now = self.clock.now()
        report = TickReport()
        assert self._reconciled is not None
        if now - self._reconciled >= self.reconcile_every:
            await self.planner.reconcile(now)
            self._reconciled = now
        assert self._refreshed is not None
        if self.refresh_every is not None and now - self._refreshed >= self.refresh_every:
            offset = (await self.claims.offset()).total_seconds()
            await self.slots.refresh(
                ts(now + self.refresh_every), self.claim_timeout.total_seconds(), offset
            )
            self._refreshed = now
        began = time.perf_counter()
        keys = self.slots.pop_due(ts(now), limit=self.batch)
        report.find_ms = (time.perf_counter() - began) * 1000
        report.due = len(keys)
        report.more = len(keys) >= self.batch
        by_channel: dict[str, list[str]] = {}
        for key in keys:
            by_channel.setdefault(key.split("|", 1)[0], []).append(key)
        groups = list(by_channel.values())
        if self.refresh_every is not None:
            # Replicas take the channels in different orders, so they rarely compose the same
            # nudge at once; a replica that comes second sees the claim and moves on.
            random.shuffle(groups)
        gate = asyncio.Semaphore(self.concurrency)

        async def channel(keys: list[str]) -> None:
            async with gate:
                for key in keys:
                    try:
                        await self._process(key, now, report)
                    except Exception:
                        log.exception("Nudge %s failed; it will be recovered", key)

        await asyncio.gather(*(channel(k) for k in groups))
        if self._pruned_at is None or now - self._pruned_at >= self.prune_every:
            report.pruned = await self.prune(now)
            self._pruned_at = now
        return report

    async def prune(self, now: datetime, lookback_days: int = 14) -> int:
        """Delete sent and skipped slots finished before the retention window, one UTC day at a
        time (`delete_where`, one write per day). A day is looked at once per process; the
        first pass looks back `lookback_days` before the window."""
        cutoff = (now - self.planner.retention).date()
        pruned = 0
        for back in range(lookback_days, 0, -1):
            day = (cutoff - timedelta(days=back)).isoformat()
            if day not in self._pruned_days:
                pruned += await self.slots.prune(day)
                self._pruned_days.add(day)
        if pruned:
            log.info("Pruned %d finished nudge slots older than %s", pruned, cutoff)
        return pruned

    async def run(self, every: float = 30.0) -> None:
        """Tick every `every` seconds until cancelled (the runtime's background task)."""
        while True:
            more = False
            try:
                more = (await self.tick()).more
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("Nudge tick failed")
            await asyncio.sleep(0 if more else every)

    async def _process(self, key: str, now: datetime, report: TickReport) -> None:
        doc = await self.slots.get(key)
        if doc is None:
            return
        if doc["state"] == PLANNED:
            if doc["due_ts"] > ts(now):
                self.slots.push(doc["due_ts"], key)
                return
            await self._fire(doc, now, report)
        elif doc["state"] == SENDING and key not in self.inflight:
            claim_now = await self.claims.now()  # the database's clock on PostgreSQL
            stale_at = parse_iso(doc["claimed_at"]) + self.claim_timeout
            if stale_at > claim_now:
                self.slots.push(ts(now + (stale_at - claim_now)), key)
                return
            await self._recover(doc, now, report)
