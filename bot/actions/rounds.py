"""Actions beside the check: how many were done per principle in a check round's span."""

from __future__ import annotations

from datetime import datetime

from ..hooks import RoundSpan
from ..store import Store
from . import records
from .records import DONE


async def done_by_principle(store: Store, span: RoundSpan) -> dict[int, int]:
    """`RESULTS_DONE` (`bot/hooks.py`): per principle, the actions of the round's channel done
    after the round before it closed and no later than it closed (or now, while it is open)."""
    start = datetime.fromisoformat(span.since) if span.since else None
    end = datetime.fromisoformat(span.closed) if span.closed else None
    channel_key = f"{span.scope}:{span.channel}"
    found = await store.find(records.TABLE, channel_key=channel_key, status=DONE)
    actions = [records.Action.from_doc(d) for d in found if d.get("scope") == span.scope]
    counts: dict[int, int] = {}
    for a in records.closed_between(actions, start, end):
        if a.principle:
            counts[a.principle] = counts.get(a.principle, 0) + 1
    return counts
