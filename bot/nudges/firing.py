"""Firing one due slot: the guards, composing its content, the claim, the cap, the next slot."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..schedule import ChannelSchedule, load_schedule
from ..scheduling.channel_memory import change, ensure_state
from ..scheduling.slots import PLANNED, SENDING, SKIPPED, day_of, iso, parse_iso, stamp, ts
from .content import compose, nudge_id
from .oneoff import fire_one_off
from .planner import REFLECTION
from .posting import Posting
from .scheduler_state import RECENT_MEETING_END, TickReport
from .tallies import open_post

if TYPE_CHECKING:
    from ..model import ConversationRef
    from ..store import Doc

log = logging.getLogger("bot.nudges.scheduler")


class Firing(Posting):
    """Decide whether a due slot is posted, claim it and plan its source's next slot."""

    def _grace(self, schedule: ChannelSchedule) -> timedelta:
        return self.grace if self.grace is not None else schedule.grace

    async def _fire(self, doc: Doc, now: datetime, report: TickReport) -> None:
        if doc["kind"] in self.core.registry.one_offs:  # a one-off post (oneoff.py)
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
