"""The TinyDB store's index by channel: for each `channel_key`, its documents' ids in table order.

`find(table, channel_key=…, …)` (a channel's actions, planned nudges, tally posts) would
otherwise read every document of the table. A table's index is built the first time such a
find asks for it and kept up to date by every change after that; a change that would need a
document moved within its channel's list (an update of `channel_key` itself) drops the table's
index instead, and the next find builds it again."""

from __future__ import annotations

from typing import Any

from .journal import Tables

FIELD = "channel_key"  # as PostgreSQL's channel index (migration 0003)
Buckets = dict[str, dict[str, None]]  # channel_key -> document ids, in table order


class ChannelIndex:
    """Document ids by `channel_key`, per table. Use with the store's memory lock held."""

    def __init__(self) -> None:
        self._tables: dict[str, Buckets] = {}

    def clear(self) -> None:
        self._tables.clear()

    def rows(self, data: Tables, table: str, value: str) -> list[dict[str, Any]]:
        """The documents of `table` whose `channel_key` is `value`, in table order."""
        rows = data.get(table)
        if not rows:
            return []
        buckets = self._tables.get(table)
        if buckets is None:
            buckets = self._tables[table] = _build(rows)
        ids = buckets.get(value)
        return [rows[i] for i in ids] if ids else []

    def before(self, data: Tables, op: list[Any]) -> None:
        """Keep the index right for `op` (a journal change), called just before it is applied."""
        buckets = self._tables.get(op[1])
        if buckets is None:
            return
        rows = data.get(op[1], {})
        kind = op[0]
        if kind == "p":
            _remove(buckets, rows.get(op[2]), op[2])
            value = op[3].get(FIELD)
            if type(value) is str:
                buckets.setdefault(value, {})[op[2]] = None  # a put moves it to the end
        elif kind == "u":
            old = rows.get(op[2])
            if old is not None and FIELD in op[3] and op[3][FIELD] != old.get(FIELD):
                del self._tables[op[1]]  # rebuilt when next asked for
        elif kind == "d":
            for doc_id in op[2]:
                _remove(buckets, rows.get(doc_id), doc_id)


def _build(rows: dict[str, Any]) -> Buckets:
    buckets: Buckets = {}
    for doc_id, row in rows.items():
        value = row.get(FIELD)
        if type(value) is str:
            buckets.setdefault(value, {})[doc_id] = None
    return buckets


def _remove(buckets: Buckets, row: dict[str, Any] | None, doc_id: str) -> None:
    if row is None:
        return
    value = row.get(FIELD)
    if type(value) is str:
        ids = buckets.get(value)
        if ids is not None:
            ids.pop(doc_id, None)
            if not ids:
                del buckets[value]
