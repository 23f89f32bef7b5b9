"""Firing one-off posts (`bot/scheduling/one_off.py`): the scheduler claims a due one-off slot,
runs the handler a feature brought for its kind and posts what it returns, or recovers it after
a crash."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..model import ConversationRef, Reply
from ..scheduling.slots import MAX_ATTEMPTS, PLANNED, SENDING, SENT, SKIPPED, iso, stamp
from .content import nudge_id
from .delivery import was_delivered

if TYPE_CHECKING:
    from ..store import Doc
    from .posting import Posting as Scheduler
    from .scheduler_state import TickReport


async def _prepare(
    scheduler: Scheduler, doc: Doc, token: str, report: TickReport
) -> tuple[ConversationRef, Reply] | None:
    """Run the handler; the post and where it goes, or None (the slot is then skipped)."""
    core = scheduler.core
    reply = await core.registry.one_offs[doc["kind"]](core, doc)
    key = doc["_key"]
    if reply is None:
        await scheduler._finish(key, token, SKIPPED, report, reason="nothing to post")
        return None
    ref = await core.conversation(doc["channel_key"])
    if ref is None or ref.platform not in core.adapters:
        reason = "no adapter for this conversation"
        await scheduler._finish(key, token, SKIPPED, report, reason=reason)
        return None
    return ref, replace(reply, key=doc.get("nudge") or nudge_id(key))


async def fire_one_off(scheduler: Scheduler, doc: Doc, now: datetime, report: TickReport) -> None:
    """Claim a due one-off slot, run its handler and post what it returns."""
    key = doc["_key"]
    token = uuid.uuid4().hex
    claimed = stamp(await scheduler.claims.now())  # the database's clock on PostgreSQL
    claim = {
        "state": SENDING,
        "claim": token,
        "claimed_at": claimed,
        "first_claimed_at": claimed,
        "attempts": doc.get("attempts", 0) + 1,
        "nudge": nudge_id(key),
    }
    if not await scheduler.slots.update(
        key, claim, expect={"state": PLANNED, "due_ts": doc["due_ts"]}
    ):
        return  # another replica claimed it
    scheduler.inflight.add(key)
    try:
        scheduler.slots.closed(doc)
        prepared = await _prepare(scheduler, doc, token, report)
        if prepared is not None:
            ref, reply = prepared
            await scheduler._send({**doc, **claim}, ref, token, now, report, reply=reply)
    finally:
        scheduler.inflight.discard(key)


async def recover_one_off(
    scheduler: Scheduler, doc: Doc, now: datetime, report: TickReport
) -> None:
    """Finish a one-off slot claimed by a process that died: the handler finishes the work,
    then the post is made unless the platform says it is already there (or cannot tell)."""
    key = doc["_key"]
    token = uuid.uuid4().hex
    attempts = doc.get("attempts", 1) + 1
    claimed = stamp(await scheduler.claims.now())
    changes = {"claim": token, "claimed_at": claimed, "attempts": attempts}
    if not await scheduler.slots.update(
        key, changes, expect={"state": SENDING, "claim": doc.get("claim")}
    ):
        return
    scheduler.inflight.add(key)
    try:
        prepared = await _prepare(scheduler, doc, token, report)
        if prepared is None:
            return
        ref, reply = prepared
        since = datetime.fromisoformat(doc.get("first_claimed_at") or doc["due"])
        delivered = await was_delivered(scheduler.core, ref, doc["nudge"], since=since)
        if delivered:
            await scheduler._finish(key, token, SENT, report, sent_at=iso(now), confirmed=True)
            report.recovered += 1
        elif delivered is None:
            reason = "unconfirmed after crash"
            await scheduler._finish(key, token, SKIPPED, report, reason=reason)
        elif doc.get("failures", 0) >= MAX_ATTEMPTS:  # restarts are not failed sends
            await scheduler._finish(key, token, SKIPPED, report, reason="send kept failing")
        else:
            report.recovered += 1
            await scheduler._send({**doc, **changes}, ref, token, now, report, reply=reply)
    finally:
        scheduler.inflight.discard(key)
