"""Actions as CSV for admins and operators: text, owner's platform id, dates, status and note;
never who created an action."""

from __future__ import annotations

from typing import Any

from ..csv_text import csv_text
from ..store import Store
from . import records

COLUMNS = (
    "scope",
    "channel",
    "number",
    "text",
    "principle",
    "status",
    "owner",
    "created",
    "due",
    "closed",
    "note",
)


async def action_rows(store: Store, scope: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for a in await records.in_scope(store, scope):
        rows.append(
            {
                "scope": a.scope,
                "channel": a.channel_key.removeprefix(a.scope + ":"),
                "number": a.number,
                "text": a.text,
                "principle": a.principle or "",
                "status": a.status,
                "owner": a.owner or "",
                "created": a.created_at[:10],
                "due": a.due or "",
                "closed": (a.closed_at or "")[:10],
                "note": a.note,
            }
        )
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV text with a header row; cells that start like a formula are quoted safely."""
    return csv_text(COLUMNS, rows)


async def actions_csv(store: Store, scope: str | None = None) -> str:
    return to_csv(await action_rows(store, scope))
