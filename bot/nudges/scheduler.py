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
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..languages.posting import in_locales
from .cards import nudge_reply
from .claims import ClaimClock
from .content import compose, nudge_id
from .delivery import confirms_delivery, was_delivered
from .oneoff import ONE_OFF, fire_one_off, recover_one_off
from .pacing import Pacer, PostBudgets
from .planner import REFLECTION
from .schedule import ChannelSchedule, load_schedule
from .service import nudges_for
from .slots import (
    MAX_ATTEMPTS,
    PLANNED,
    SENDING,
    SENT,
    SKIPPED,
    day_of,
    iso,
    parse_iso,
    stamp,
    ts,
)
from .state import change, ensure_state
from .tallies import open_post, posted

if TYPE_CHECKING:
    from ..core import Core
    from ..model import ConversationRef, Reply
    from ..store import Doc

log = logging.getLogger(__name__)

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


class Scheduler:
    """Drive with `await start()` then `await tick()` (tests, with a FakeClock), or `run()`."""

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

    @property
    def clock(self) -> Any:
        return self.core.clock

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

    # ---- one slot ----------------------------------------------------------------------------

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

    def _grace(self, schedule: ChannelSchedule) -> timedelta:
        return self.grace if self.grace is not None else schedule.grace

    async def _fire(self, doc: Doc, now: datetime, report: TickReport) -> None:
        if doc["kind"] in ONE_OFF:  # another feature's one-off post (see oneoff.py)
            await fire_one_off(self, doc, now, report)
            return
        key = doc["_key"]
        ref = await self.core.conversation(doc["channel_key"])
        if ref is None or ref.platform not in self.core.adapters:
            await self._skip(doc, "no adapter for this conversation", now, report, None)
            return
        schedule = await load_schedule(self.core.channel_settings, ref)
        due = parse_iso(doc["due"])
        state = await ensure_state(self.core.store, ref, now)
        reason = None
        if not schedule.enabled:
            reason = "nudges off"
        elif schedule.paused(now):
            reason = "paused"
        elif doc["kind"] != REFLECTION and not schedule.reminders:
            reason = "reminders off"
        elif now - due > self._grace(schedule):
            reason = "missed while down (past the grace window)"
        elif schedule.is_quiet(due):
            moved = schedule.next_allowed(due)
            expect = {"state": PLANNED, "due_ts": doc["due_ts"]}
            if await self.slots.update(key, {"due_ts": ts(moved)}, expect=expect):
                report.replanned += 1
            return
        elif doc["kind"] == REFLECTION and state.get("last_ended_at"):
            if now - parse_iso(state["last_ended_at"]) < RECENT_MEETING_END:
                reason = "a meeting-end reflection was just posted"
        if reason:
            await self._skip(doc, reason, now, report, ref, schedule)
            return
        content, changes = await compose(
            self.core, ref, doc["kind"], key, state, schedule, now, meeting=await self._name(doc)
        )
        token = uuid.uuid4().hex
        claimed = stamp(await self.claims.now())  # the claim's own time, not the tick's
        claim = {
            "state": SENDING,
            "claim": token,
            "claimed_at": claimed,
            "first_claimed_at": claimed,  # no post can be older (recovery)
            "attempts": doc.get("attempts", 0) + 1,
            "content": content,
            "nudge": nudge_id(key),
        }
        if not await self.slots.update(
            key, claim, expect={"state": PLANNED, "due_ts": doc["due_ts"]}
        ):
            return  # another worker claimed it
        self.inflight.add(key)
        try:
            self.slots.closed(doc)
            await self._plan_next(doc, ref, now, schedule)
            if not await self._count(key, token, ref, now, changes, schedule, report):
                return
            if doc["kind"] == REFLECTION:  # closes the channel's earlier votes (tallies.py)
                await open_post(self.core, ref, claim["nudge"], content, now, schedule)
            await self._send({**doc, **claim}, ref, token, now, report)
        finally:
            self.inflight.discard(key)

    async def _recover(self, doc: Doc, now: datetime, report: TickReport) -> None:
        """Finish a slot claimed by a process that died between claim and mark."""
        if doc["kind"] in ONE_OFF:
            await recover_one_off(self, doc, now, report)
            return
        key = doc["_key"]
        token = uuid.uuid4().hex
        attempts = doc.get("attempts", 1) + 1
        claimed = stamp(await self.claims.now())
        changes = {"claim": token, "claimed_at": claimed, "attempts": attempts}
        if not await self.slots.update(
            key, changes, expect={"state": SENDING, "claim": doc.get("claim")}
        ):
            return
        self.inflight.add(key)
        try:
            ref = await self.core.conversation(doc["channel_key"])
            if ref is None:
                await self._finish(key, token, SKIPPED, report, reason="conversation gone")
                return
            schedule = await load_schedule(self.core.channel_settings, ref)
            await self._plan_next(doc, ref, now, schedule)
            # No post can predate the first claim (older slots: their due time).
            since = parse_iso(doc.get("first_claimed_at") or doc["due"])
            delivered = await was_delivered(self.core, ref, doc["nudge"], since=since)
            if delivered:
                await self._finish(key, token, SENT, report, sent_at=iso(now), confirmed=True)
                report.recovered += 1
            elif delivered is None:
                await self._finish(key, token, SKIPPED, report, reason="unconfirmed after crash")
            elif doc.get("failures", 0) >= MAX_ATTEMPTS:  # restarts are not failed sends
                await self._finish(key, token, SKIPPED, report, reason="send kept failing")
            elif now - parse_iso(doc["due"]) > self._grace(schedule):
                await self._finish(key, token, SKIPPED, report, reason="missed while down")
            elif await self._count(key, token, ref, now, {}, schedule, report):
                report.recovered += 1
                await self._send({**doc, **changes}, ref, token, now, report)
        finally:
            self.inflight.discard(key)

    async def _count(
        self,
        key: str,
        token: str,
        ref: ConversationRef,
        now: datetime,
        changes: dict[str, Any],
        schedule: ChannelSchedule,
        report: TickReport,
    ) -> bool:
        """Apply `changes` to the channel's memory and count the claimed nudge `key` against
        the daily cap. When the cap is already reached, mark the slot skipped and return False."""
        counted = await change(
            self.core.store,
            ref,
            now,
            changes,
            key=key,
            day=schedule.local_day(now),
            cap=schedule.daily_cap,
        )
        if not counted:
            await self._finish(key, token, SKIPPED, report, reason="daily cap reached")
        return counted

    async def _nudge_post(self, ref: ConversationRef, doc: Doc) -> Reply:
        """The nudge's post in the channel's language(s): one post, Welsh first when both."""
        pack = self.core.pack
        posts = await in_locales(
            await self.core.languages.channel_locales(ref),
            lambda: [nudge_reply(pack, doc["kind"], doc["content"], doc["nudge"])],
        )
        return posts[0]

    async def _send(
        self,
        doc: Doc,
        ref: ConversationRef,
        token: str,
        now: datetime,
        report: TickReport,
        reply: Reply | None = None,
    ) -> None:
        key = doc["_key"]
        reply = reply or await self._nudge_post(ref, doc)
        await self.pacer.wait(str(ref.platform), ref.channel)
        # Renew the claim just before posting: from here the post has `send_timeout` seconds,
        # below the claim timeout, so no other replica can judge this claim stale while the
        # post may still be made. A new token: a replica that already judged the old claim
        # stale cannot take this one, and if one took it meanwhile, nothing is posted here.
        renewed = uuid.uuid4().hex
        if not await self.slots.update(
            key,
            {"claim": renewed, "claimed_at": stamp(await self.claims.now())},
            expect={"state": SENDING, "claim": token},
        ):
            log.warning("Nudge %s was taken over by another worker before posting; not posted", key)
            return
        token = renewed
        try:
            message_id = await asyncio.wait_for(self.core.send(ref, reply), self.send_timeout)
            failure = None if message_id is not None else "the platform did not accept the post"
        except TimeoutError:
            # Cut short: it may have been posted or not. Settled as any unknown outcome is.
            failure = f"the post took longer than {self.send_timeout:g} s; its outcome is unknown"
            log.warning("Nudge %s: %s", key, failure)
        except Exception as exc:
            log.exception("Nudge %s could not be posted", key)
            failure = repr(exc)
        if failure is not None:
            # Adapters log a post that still fails after their own retries and return None.
            # Only a send that failed counts towards giving up; a claim taken again after a
            # restart does not (a crash loop must not drop nudges that never failed).
            failures = doc.get("failures", 0) + 1
            if confirms_delivery(self.core, ref) and failures < MAX_ATTEMPTS:
                log.warning("Nudge %s: send failed (%s); will check and retry", key, failure)
                await self.slots.update(
                    key, {"failures": failures}, expect={"state": SENDING, "claim": token}
                )
                self.slots.push(ts(self.clock.now() + self.claim_timeout), key)
                return
            await self._finish(key, token, SKIPPED, report, reason=f"send failed: {failure}")
            return
        await self._finish(
            key, token, SENT, report, sent_at=iso(self.clock.now()), message_id=message_id
        )
        if doc["kind"] == REFLECTION and message_id:
            await posted(self.core, ref, doc["nudge"], message_id)

    async def _finish(
        self, key: str, token: str, state: str, report: TickReport, **fields: Any
    ) -> None:
        done = {"state": state, "done": day_of(self.clock.now()), **fields}
        if not await self.slots.update(key, done, expect={"state": SENDING, "claim": token}):
            log.warning("Nudge %s changed hands before it could be marked %s", key, state)
            return
        if state == SENT:
            report.sent += 1
        else:
            report.skipped[fields.get("reason", "")] += 1
            log.info("Skipped nudge %s: %s", key, fields.get("reason"))

    async def _skip(
        self,
        doc: Doc,
        reason: str,
        now: datetime,
        report: TickReport,
        ref: ConversationRef | None,
        schedule: ChannelSchedule | None = None,
    ) -> None:
        key = doc["_key"]
        if not await self.slots.update(
            key,
            {"state": SKIPPED, "reason": reason, "skipped_at": iso(now), "done": day_of(now)},
            expect={"state": PLANNED, "due_ts": doc["due_ts"]},
        ):
            return
        self.slots.closed(doc)
        report.skipped[reason] += 1
        log.info("Skipped nudge %s: %s", key, reason)
        if ref is not None:
            await self._plan_next(doc, ref, now, schedule)

    async def _plan_next(
        self, doc: Doc, ref: ConversationRef, now: datetime, schedule: ChannelSchedule | None
    ) -> None:
        source = await self.planner.source_of(doc)
        if source is not None:
            await self.planner.plan(
                source, ref, now, schedule, not_before=parse_iso(doc["nominal"])
            )

    async def _name(self, doc: Doc) -> str:
        if doc["kind"] != REFLECTION:
            return ""
        source = await self.planner.source_of(doc)
        return source.meeting.name if source and source.meeting else ""
