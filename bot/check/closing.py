"""Closing a round and reading what it published: results are worked out once, at close.

Closing takes two steps, each safe on replicas and after a crash: `begin_close` stops the round
taking answers (compare-and-set, so exactly one caller closes it), then `settle` counts the
answers and, if there are at least the minimum, keeps the results on the round as totals; then
the answers and claims are deleted. A round left half-closed by a crash, or closed by an older
version that kept answers instead of totals, is settled the first time anything reads it."""

from __future__ import annotations

from datetime import datetime

from ..store import Store
from . import answers as ans
from . import rounds
from .minimum import minimum_group_size
from .results import Results, RoundResults, summarise
from .rounds import CLOSED, CLOSING, Round


async def finish(store: Store, rnd: Round, *, now: datetime, by: str) -> Round | None:
    """Close an open round and publish its results if it has enough answers. The settled round
    when this call closed it; None when it was no longer open."""
    if not await rounds.begin_close(store, rnd, now=now, by=by):
        return None
    closing = await rounds.get(store, rnd.key)
    return await settle(store, closing) if closing is not None else None


async def settle(store: Store, rnd: Round) -> Round:
    """Decide a closing round's results once (with the workspace's minimum now), keep them on
    the round, then delete its answers and claims. Does nothing to a settled round."""
    if rnd.status not in (CLOSING, CLOSED) or rnd.answered is not None:
        return rnd
    found = await ans.for_round(store, rnd)
    minimum = await minimum_group_size(store, rnd.scope)
    results = summarise(found, minimum=minimum).doc() if len(found) >= minimum else None
    await rounds.mark_settled(store, rnd, len(found), minimum, results)
    # Whoever recorded the results, the answers go: totals are all that is kept.
    await ans.drop_answers(store, rnd)
    await ans.drop_claims(store, rnd)
    return await rounds.get(store, rnd.key) or rnd


async def published(store: Store, given: list[Round]) -> list[tuple[Round, Results]]:
    """The rounds among `given` (oldest first in each channel) that closed with results, each
    compared with the previous one of its channel that did. Never an open round."""
    shown: list[tuple[Round, Results]] = []
    last: dict[tuple[str, str], Results] = {}
    for rnd in given:
        if rnd.status in (CLOSING, CLOSED) and not rnd.settled:
            rnd = await settle(store, rnd)
        if not rnd.settled or rnd.results is None:
            continue
        results = Results.from_doc(rnd.results)
        where = (rnd.scope, rnd.channel)
        shown.append((rnd, results.after(last.get(where))))
        last[where] = results
    return shown


async def results_of(store: Store, rnd: Round) -> Results | None:
    """A closed round's published results, compared with the previous round's; None if it is
    open or closed with too few answers."""
    if rnd.is_open:
        return None
    for found, results in await published(
        store, await rounds.channel_rounds(store, rnd.scope, rnd.channel)
    ):
        if found.key == rnd.key:
            return results
    return None


async def round_results(store: Store, rnd: Round) -> RoundResults:
    """`rnd` with its published results, for cards and charts (`bot.check.charts`)."""
    results = await results_of(store, rnd)
    responses = results.responses if results is not None else (rnd.answered or 0)
    return RoundResults(rnd, responses, results)
