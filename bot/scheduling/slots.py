"""The persisted slot table: one document per planned nudge, keyed uniquely, with its state.

A slot's key is `<scope>:<channel>|<kind>|<source>|<local occurrence>`, so the same
occurrence can never be planned twice. Documents are slim: what the key and the due time say
(channel, kind, source, occurrence, due) is not stored; `expand` adds it back on reading.
States: `planned` → `sending` (claimed, with a claim
token and time) → `sent` or `skipped` (with a reason). An in-memory heap of due times, rebuilt
at start-up, lets a tick find due slots without scanning the table."""

from __future__ import annotations

import heapq
from datetime import UTC, datetime
from typing import Any

from ..store import Doc, Store

TABLE = "nudge_slots"
PLANNED, SENDING, SENT, SKIPPED = "planned", "sending", "sent", "skipped"
OPEN = (PLANNED, SENDING)
MAX_ATTEMPTS = 3  # failed sends of one nudge before it is skipped (restarts do not count)


def slot_key(channel_key: str, kind: str, source: str, occurrence: str) -> str:
    return f"{channel_key}|{kind}|{source}|{occurrence}"


def source_id(channel_key: str, kind: str, source: str) -> str:
    return f"{channel_key}|{kind}|{source}"


# Fields stored on a slot (the rest are derived by `expand`). `done` is the UTC day a slot was
# sent or skipped: old finished slots are pruned a day at a time with `delete_where`.
STORED = frozenset(
    {
        "scope",
        "nominal",
        "due_ts",
        "state",
        "done",
        "attempts",
        "failures",
        "claim",
        "claimed_at",
        "first_claimed_at",
        "nudge",
    }
)


def expand(doc: Doc) -> Doc:
    """A stored slot with the fields derivable from its key and due time filled in."""
    channel_key, kind, source, occurrence = doc["_key"].split("|", 3)
    return {
        "channel_key": channel_key,
        "kind": kind,
        "source": source,
        "source_id": source_id(channel_key, kind, source),
        "occurrence": occurrence,
        **doc,
        # Always from `due_ts` (a slot written before slim documents may carry a stale `due`).
        "due": iso(datetime.fromtimestamp(float(doc["due_ts"]), UTC)),
    }


def day_of(when: datetime) -> str:
    """The UTC day of `when`, as finished slots record it in `done`."""
    return when.astimezone(UTC).date().isoformat()


def ts(when: datetime) -> float:
    return when.timestamp()


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def stamp(when: datetime) -> str:
    """A claim time to the microsecond (a claim may be judged within the second it was taken)."""
    return when.astimezone(UTC).isoformat()


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


class SlotTable:
    """The slot documents in the store plus a heap of (due time, key) for open slots.

    Heap entries may be stale (a slot re-planned, claimed or deleted); readers check the
    document before acting, so the heap only ever has to be a superset of what is due."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._heap: list[tuple[float, str]] = []
        self.open_by_source: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._heap)

    async def load(self, sending_delay: float = 0.0, offset: float = 0.0) -> int:
        """Rebuild the heap from the store (at start-up). Claimed slots are queued for recovery
        `sending_delay` seconds after their claim; `offset` (seconds) turns a claim time on the
        claim clock into the process clock's (`claims.ClaimClock.offset`). Returns how many
        open slots there are."""
        self._heap = []
        self.open_by_source = {}
        for doc in await self.find(state=PLANNED):
            self._heap.append((float(doc["due_ts"]), doc["_key"]))
            self.open_by_source[doc["source_id"]] = doc["_key"]
        for doc in await self.store.find(TABLE, state=SENDING):
            claimed = parse_iso(doc["claimed_at"]).timestamp()
            self._heap.append((claimed + sending_delay + offset, doc["_key"]))
        heapq.heapify(self._heap)
        return len(self._heap)

    async def refresh(self, upto: float, sending_delay: float, offset: float = 0.0) -> int:
        """Index what other replicas planned or claimed since `load`: planned slots due by
        `upto` (an indexed range query on PostgreSQL) and every claimed slot, so a slot
        planned elsewhere falls due here too and a dead replica's claims are recovered."""
        found = await self.store.find_upto(TABLE, "due_ts", upto, state=PLANNED)
        for doc in found:
            self.push(float(doc["due_ts"]), doc["_key"])
        claimed = await self.store.find(TABLE, state=SENDING)
        for doc in claimed:
            at = parse_iso(doc["claimed_at"]).timestamp()
            self.push(at + sending_delay + offset, doc["_key"])
        return len(found) + len(claimed)

    def push(self, due: float, key: str) -> None:
        heapq.heappush(self._heap, (due, key))

    def pop_due(self, now: float, limit: int = 10_000) -> list[str]:
        """Keys whose due time has come, earliest first (each key once)."""
        keys: list[str] = []
        seen: set[str] = set()
        while self._heap and self._heap[0][0] <= now and len(keys) < limit:
            _, key = heapq.heappop(self._heap)
            if key not in seen:
                seen.add(key)
                keys.append(key)
        return keys

    async def get(self, key: str) -> Doc | None:
        doc = await self.store.get(TABLE, key)
        return expand(doc) if doc is not None else None

    async def add(self, key: str, doc: dict[str, Any]) -> bool:
        """Insert a slot if its key is new (only its stored fields); index it when planned."""
        slim = {k: v for k, v in doc.items() if k in STORED}
        added = await self.store.add(TABLE, key, slim)
        if added and doc.get("state") == PLANNED:
            self.push(float(doc["due_ts"]), key)
            self.open_by_source[expand({**slim, "_key": key})["source_id"]] = key
        return added

    async def update(self, key: str, changes: dict[str, Any], *, expect: Doc) -> bool:
        """Compare-and-set on a slot; a re-planned due time goes back on the heap."""
        changed = await self.store.update(TABLE, key, changes, expect=expect)
        if changed and changes.get("state", expect.get("state")) == PLANNED and "due_ts" in changes:
            self.push(float(changes["due_ts"]), key)
        return changed

    def closed(self, doc: Doc) -> None:
        """Forget a finished slot's source entry (its next slot is planned separately)."""
        if self.open_by_source.get(doc["source_id"]) == doc["_key"]:
            del self.open_by_source[doc["source_id"]]

    async def find(self, **where: Any) -> list[Doc]:
        """Slots (expanded) whose fields equal `where`; derived fields are matched after reading."""
        stored = {k: v for k, v in where.items() if k in STORED}
        derived = {k: v for k, v in where.items() if k not in STORED}
        rows = await self.store.find(TABLE, **stored)
        # Derived fields that are a prefix of the key are matched on the key first (cheap).
        prefix = where.get("source_id") or where.get("channel_key")
        if prefix is not None:
            rows = [row for row in rows if row["_key"].startswith(f"{prefix}|")]
        found = [expand(doc) for doc in rows]
        if derived:
            found = [d for d in found if all(d.get(k) == v for k, v in derived.items())]
        return found

    async def prune(self, day: str) -> int:
        """Delete the slots finished (sent or skipped) on UTC day `day`; one cheap look first."""
        if not await self.store.count(TABLE, done=day):
            return 0
        return await self.store.delete_where(TABLE, done=day)

    async def delete(self, key: str) -> bool:
        return await self.store.delete(TABLE, key)
