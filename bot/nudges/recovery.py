"""Recovering a slot a process claimed and died with: confirmed sent, re-sent, or skipped."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from ..schedule import load_schedule
from ..scheduling.slots import MAX_ATTEMPTS, SENDING, SENT, SKIPPED, iso, parse_iso, stamp
from .delivery import was_delivered
from .firing import Firing
from .oneoff import recover_one_off
from .scheduler_state import TickReport

if TYPE_CHECKING:
    from ..store import Doc


class Recovery(Firing):
    """Finish what a dead process left claimed, never posting a nudge twice."""

    async def _recover(self, doc: Doc, now: datetime, report: TickReport) -> None:
        """Finish a slot claimed by a process that died between claim and mark."""
        if doc["kind"] in self.core.registry.one_offs:
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
