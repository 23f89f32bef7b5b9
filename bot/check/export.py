"""Anonymous results as CSV rows, one per round and principle: never a user id or a claim.

Only closed rounds that published results are exported (never an open round, never one that
closed with fewer answers than the minimum), the same totals everyone saw at close. Averages
come from those totals, exactly as from the raw scores, and are rounded once, to 2 decimals."""

from __future__ import annotations

from typing import Any

from ..csv_text import csv_text
from ..store import Store
from .answers import PRINCIPLES
from .closing import published
from .results import Tally
from .rounds import DELETED, ROUNDS, Round

COLUMNS = (
    "scope",
    "channel",
    "channel_name",
    "round",
    "opened",
    "closed",
    "principle",
    "responses",
    "average",
    "not_yet",
    "starting",
    "developing",
    "embedded",
    "dont_know",
    "partners_average",
    "staff_average",
)


def _average(found: Tally | None) -> str:
    """The exact average of a tally, rounded once to 2 decimals; empty when there is none."""
    value = found.average if found is not None else None
    return "" if value is None else f"{value:.2f}"


async def result_rows(store: Store, scope: str | None = None) -> list[dict[str, Any]]:
    """Rows for every round with results, in `scope` or in every scope, oldest first."""
    where = {"scope": scope} if scope else {}
    rounds = sorted(
        (Round.from_doc(d) for d in await store.find(ROUNDS, **where) if d["status"] != DELETED),
        key=lambda r: (r.scope, r.channel, r.seq),
    )
    rows: list[dict[str, Any]] = []
    for rnd, results in await published(store, rounds):
        for n in PRINCIPLES:
            p = results.by_number(n)
            tally = p.tally
            rows.append(
                {
                    "scope": rnd.scope,
                    "channel": rnd.channel,
                    "channel_name": rnd.channel_name,
                    "round": rnd.seq,
                    "opened": rnd.opened[:10],
                    "closed": (rnd.closed or "")[:10],
                    "principle": n,
                    "responses": results.responses,
                    "average": _average(tally),
                    "not_yet": tally.counts[0],
                    "starting": tally.counts[1],
                    "developing": tally.counts[2],
                    "embedded": tally.counts[3],
                    "dont_know": tally.dont_know,
                    "partners_average": _average(p.partner_tally),
                    "staff_average": _average(p.staff_tally),
                }
            )
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text with a header row; cells that start like a formula are quoted safely."""
    return csv_text(COLUMNS, rows)


async def results_csv(store: Store, scope: str | None = None) -> str:
    """The whole export as CSV text: what `python app.py export` and `admin export` send."""
    return to_csv(await result_rows(store, scope))
