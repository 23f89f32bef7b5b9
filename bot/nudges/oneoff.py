"""One-off posts: a feature asks the scheduler to post something once, at a set time, with the
same slots, claims, crash recovery and delivery check as nudges (see docs/nudges.md).

`@one_off(kind)` registers `handler(core, slot)`; `plan_one_off(core, ref, kind, name, when)`
plans a slot. When the slot falls due the scheduler claims it (compare-and-set, so one replica
wins) and calls the handler, which does its work and returns the post, or None when there is
nothing to post (the slot is then skipped). After a crash between claim and mark, the handler
is called again before delivery is checked, so it must be idempotent: finish the work if it was
not finished, and return the same post. Unlike nudges, one-off slots ignore the nudge settings
(off, paused, quiet hours, the daily cap and the grace window): they are not nudges."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..model import ConversationRef, Reply
from .content import nudge_id
from .delivery import was_delivered
from .service import nudges_for
from .slots import MAX_ATTEMPTS, PLANNED, SENDING, SENT, SKIPPED, iso, slot_key, stamp, ts

if TYPE_CHECKING:
    from ..core import Core
    from ..store import Doc
    from .posting import Posting as Scheduler
    from .scheduler_state import TickReport

OneOffHandler = Callable[["Core", "Doc"], Awaitable[Reply | None]]
ONE_OFF: dict[str, OneOffHandler] = {}


def one_off(kind: str) -> Callable[[OneOffHandler], OneOffHandler]:
    """Register the handler of one-off slots of `kind` (a name no nudge kind uses)."""

    def register(handler: OneOffHandler) -> OneOffHandler:
        ONE_OFF[kind] = handler
        return handler

    return register


async def plan_one_off(
    core: Core, ref: ConversationRef, kind: str, name: str, when: datetime
) -> str | None:
    """Plan a one-off slot in `ref`'s channel at `when`; its key, or None if already planned."""
    key = slot_key(ref.channel_key, kind, name, iso(when))
    doc = {"scope": ref.scope, "nominal": iso(when), "due_ts": ts(when), "state": PLANNED}
    return key if await nudges_for(core).slots.add(key, doc) else None


async def _prepare(
    scheduler: Scheduler, doc: Doc, token: str, report: TickReport
) -> tuple[ConversationRef, Reply] | None:
    """Run the handler; the post and where it goes, or None (the slot is then skipped)."""
    core = scheduler.core
    reply = await ONE_OFF[doc["kind"]](core, doc)
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
