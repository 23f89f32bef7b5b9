"""Reflections posted right now: a meeting just ended (adapter event or `meeting ended`), or
someone asked (`reflect`). Duplicate deliveries of one meeting end post once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..context import Context
from ..hooks import REFLECTION_CARD
from ..model import ConversationRef, Reply
from ..schedule import ChannelSchedule, load_schedule
from ..scheduling.channel_memory import change, ensure_state
from ..scheduling.slots import SENT, SKIPPED, day_of, iso, slot_key, ts
from ..store import Doc
from .cards import nudge_reply
from .content import compose, nudge_id
from .tallies import open_post, posted

EVENT_BUCKET_MINUTES = 10  # `meeting ended` twice within this bucket posts once


@dataclass(frozen=True)
class Outcome:
    """A reflection to post, or why none is posted ("off", "paused", "cap", "duplicate").
    `posted`: the reflection is in the channel already (posted on its own, see `_post_now`),
    so there is nothing more to reply."""

    reply: Reply | None
    reason: str = ""
    posted: bool = False


async def _occurrences(ctx: Context, ref: ConversationRef, base: str) -> list[str]:
    """`base`, `base-2`, `base-3`… from the first that looks free (several reflections asked
    for at the same instant), ending with a random one. Deterministic otherwise, so the same
    moment always gives the same questions. Whether one is really free is settled by `add`."""
    names = [base if n == 1 else f"{base}-{n}" for n in range(1, 100)]
    for i, occurrence in enumerate(names):
        key = slot_key(ref.channel_key, "reflection", "event", occurrence)
        if await ctx.store.get("nudge_slots", key) is None:
            return [*names[i:], f"{base}-{uuid.uuid4().hex[:12]}"]
    return [f"{base}-{uuid.uuid4().hex[:12]}"]


async def _write(
    ctx: Context,
    ref: ConversationRef,
    schedule: ChannelSchedule,
    now: datetime,
    occurrence: str,
    trigger: str,
    meeting: str,
    principle: int | None,
) -> tuple[str, Doc, dict[str, Any]] | None:
    """Compose the reflection for `occurrence` and write its slot as sent; None when that
    slot already exists (a repeated delivery, or another request that got there first)."""
    key = slot_key(ref.channel_key, "reflection", "event", occurrence)
    state = await ensure_state(ctx.store, ref, now)
    content, changes = await compose(
        ctx.core,
        ref,
        "reflection",
        key,
        state,
        schedule,
        now,
        trigger=trigger,
        meeting=meeting,
        principle=principle,
    )
    doc = {
        "scope": ref.scope,
        "nominal": iso(now),
        "due_ts": ts(now),
        "state": SENT,
        "done": day_of(now),
        "sent_at": iso(now),
        "content": content,
        "nudge": nudge_id(key),
    }
    # The slot is written as sent before the reply goes out: a repeated delivery of the same
    # meeting end finds it and posts nothing (at most once for live replies).
    if not await ctx.store.add("nudge_slots", key, doc):
        return None
    return key, doc, changes


async def reflect_now(
    ctx: Context,
    *,
    trigger: str,
    meeting_id: str = "",
    meeting: str = "",
    principle: int | None = None,
) -> Outcome:
    """A reflection for this conversation now. `trigger` is "ended" (a meeting ended: the
    channel's guards apply, except quiet hours, since people are there) or "asked" (someone
    typed `reflect`: no guards)."""
    ref = ctx.ref.in_thread(None)
    now = ctx.core.clock.now()
    schedule = await load_schedule(ctx.settings, ref)
    guarded = trigger != "asked"
    if guarded and not schedule.enabled:
        return Outcome(None, "off")
    if guarded and schedule.paused(now):
        return Outcome(None, "paused")
    day = schedule.local_day(now)
    if trigger == "asked":
        # Several `reflect` at the same instant: each takes the next free occurrence. The
        # slot is claimed with `add`, so two that race for one occurrence never both win.
        found = None
        for occurrence in await _occurrences(ctx, ref, f"asked-{iso(now)}"):
            found = await _write(ctx, ref, schedule, now, occurrence, trigger, meeting, principle)
            if found is not None:
                break
        if found is None:
            return Outcome(None, "duplicate")
    else:
        if meeting_id:
            occurrence = f"{meeting_id}@{day}"
        else:
            local = schedule.local(now)
            bucket = local.minute - local.minute % EVENT_BUCKET_MINUTES
            occurrence = local.strftime("%Y-%m-%dT%H:") + f"{bucket:02d}"
        found = await _write(ctx, ref, schedule, now, occurrence, trigger, meeting, principle)
        if found is None:
            return Outcome(None, "duplicate")
    key, doc, changes = found
    if guarded:
        changes["last_ended_at"] = iso(now)
        if not await change(ctx.store, ref, now, changes, key=key, day=day, cap=schedule.daily_cap):
            await ctx.store.update(
                "nudge_slots", key, {"state": SKIPPED, "reason": "daily cap reached"}
            )
            return Outcome(None, "cap")
    else:
        await change(ctx.store, ref, now, changes)
    content = doc["content"]
    hooks = ctx.core.registry.hooked(REFLECTION_CARD)  # what other features add
    await open_post(ctx.core, ref, doc["nudge"], content, now, schedule)
    posts = await ctx.channel_post(
        lambda: [nudge_reply(ctx.pack, "reflection", content, doc["nudge"], hooks=hooks)]
    )
    if await _post_now(ctx, ref, doc["nudge"], posts[0]):
        return Outcome(None, "posted", posted=True)
    return Outcome(posts[0])


async def _post_now(ctx: Context, ref: ConversationRef, nudge: str, reply: Reply) -> bool:
    """Where the platform can replace a posted card (`Capabilities.update_posts`), post the
    reflection on its own, as a scheduled one is, and keep its id, so that its tally later
    shows on the card in place. False when that is not possible here or the platform refused
    (the bot not in the channel): then it goes out as the reply, and its tally follows up."""
    adapter = ctx.core.adapters.get(ref.platform)
    if adapter is None or not adapter.capabilities.update_posts:
        return False  # the local chat replaces cards after an action only, not its posts
    message_id = await ctx.core.send(ref, reply)
    if not message_id:
        return False
    await posted(ctx.core, ref, nudge, message_id)
    return True
