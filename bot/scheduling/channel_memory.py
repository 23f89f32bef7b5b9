"""Per-channel nudge memory: today's posted nudges (the daily cap), the last reflection
questions (rotation), the next principle of the week and when the channel was first planned."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..model import ConversationRef
from ..store import Doc, Store
from .slots import iso

TABLE = "nudge_channels"


def _fresh(scope: str, channel_key: str, now: datetime) -> Doc:
    return {
        "scope": scope,
        "channel_key": channel_key,
        "anchor": iso(now),
        "version": 0,
        "day": "",
        "day_keys": [],
        "last_questions": [],
        "next_principle": 1,
        "last_reflection_at": None,
    }


async def ensure_state(store: Store, ref: ConversationRef, now: datetime) -> Doc:
    """The channel's memory, created on first use (its `anchor` starts the check cycle)."""
    doc = await store.get(TABLE, ref.channel_key)
    if doc is None:
        await store.add(TABLE, ref.channel_key, _fresh(ref.scope, ref.channel_key, now))
        doc = await store.get(TABLE, ref.channel_key)
    assert doc is not None
    return doc


async def change(
    store: Store,
    ref: ConversationRef,
    now: datetime,
    changes: dict[str, Any],
    *,
    key: str | None = None,
    day: str | None = None,
    cap: int | None = None,
) -> bool:
    """Apply `changes` to the channel's memory with compare-and-set, so replicas never lose an
    update. With `key`, `day` and `cap` it also counts the nudge `key` against the daily cap:
    False when the cap is already reached. Counting the same key twice is a no-op (True), so a
    recovered send never counts twice."""
    while True:
        doc = await ensure_state(store, ref, now)
        update = dict(changes)
        if key is not None and day is not None:
            keys = list(doc.get("day_keys", [])) if doc.get("day") == day else []
            if key in keys:
                return True
            if cap is not None and len(keys) >= cap:
                return False
            update["day"], update["day_keys"] = day, [*keys, key]
        update["version"] = doc.get("version", 0) + 1
        if await store.update(
            TABLE, ref.channel_key, update, expect={"version": doc.get("version", 0)}
        ):
            return True


async def posted_today(store: Store, channel_key: str, day: str) -> int:
    doc = await store.get(TABLE, channel_key)
    return len(doc.get("day_keys", [])) if doc and doc.get("day") == day else 0
