"""How many plain-words tips each channel was given a month: counts only, for the report.

One document per channel and month (`<channel key>:<YYYY-MM>`) holding a number: never who was
told, which words, or any message. Kept for 25 months, so a report can show the last two years."""

from __future__ import annotations

from datetime import datetime

from ..model import ConversationRef
from ..store import Store

TABLE = "jargon_tally"
KEEP_MONTHS = 25


def _month(when: datetime) -> str:
    return f"{when:%Y-%m}"


def _months_before(when: datetime, months: int) -> str:
    index = when.year * 12 + when.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


async def count_tip(store: Store, ref: ConversationRef, now: datetime) -> None:
    """Add one tip to this channel's month (atomic across replicas: add, then compare-and-set)."""
    key = f"{ref.channel_key}:{_month(now)}"
    first = {"scope": ref.scope, "channel_key": ref.channel_key, "month": _month(now), "count": 1}
    if await store.add(TABLE, key, first):
        return
    for _attempt in range(8):
        doc = await store.get(TABLE, key)
        if doc is None:
            if await store.add(TABLE, key, first):
                return
            continue
        count = int(doc.get("count", 0))
        if await store.update(TABLE, key, {"count": count + 1}, expect={"count": count}):
            return


async def tips_given(store: Store, scope: str, channels: tuple[str, ...] = ()) -> int:
    """Tips given in `scope` (only in `channels`, channel ids, when given), all months kept."""
    total = 0
    for doc in await store.find(TABLE, scope=scope):
        channel = str(doc.get("channel_key", "")).rsplit(":", 1)[-1]
        if not channels or channel in channels:
            total += int(doc.get("count", 0))
    return total


async def purge_tally(store: Store, now: datetime) -> int:
    """Forget months older than KEEP_MONTHS."""
    oldest = _months_before(now, KEEP_MONTHS - 1)
    gone = 0
    for doc in await store.find(TABLE):
        if str(doc.get("month", "")) < oldest:
            gone += await store.delete(TABLE, doc["_key"])
    return gone
