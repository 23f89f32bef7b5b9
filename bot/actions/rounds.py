"""Actions beside the check: how many were done per principle since the previous round."""

from __future__ import annotations

from datetime import datetime

from ..check import rounds as check_rounds
from ..check.rounds import CLOSED, Round
from ..store import Store
from . import records
from .records import DONE


async def previous_closed(store: Store, rnd: Round) -> Round | None:
    """The channel's latest round closed before `rnd`, if any."""
    earlier = [
        r
        for r in await check_rounds.channel_rounds(store, rnd.scope, rnd.channel)
        if r.seq < rnd.seq and r.status == CLOSED and r.closed
    ]
    return max(earlier, key=lambda r: r.seq) if earlier else None


async def done_by_principle(store: Store, rnd: Round) -> dict[int, int]:
    """Per principle, the actions of `rnd`'s channel done after the previous round closed and
    no later than `rnd` closed (or now, while it is open)."""
    before = await previous_closed(store, rnd)
    start = datetime.fromisoformat(before.closed) if before and before.closed else None
    end = datetime.fromisoformat(rnd.closed) if rnd.closed else None
    channel_key = f"{rnd.scope}:{rnd.channel}"
    found = await store.find(records.TABLE, channel_key=channel_key, status=DONE)
    actions = [records.Action.from_doc(d) for d in found if d.get("scope") == rnd.scope]
    counts: dict[int, int] = {}
    for a in records.closed_between(actions, start, end):
        if a.principle:
            counts[a.principle] = counts.get(a.principle, 0) + 1
    return counts
