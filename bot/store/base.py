"""The store interface: small tables of JSON documents with string keys, shared by every backend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable

Doc = dict[str, Any]


class StoreError(Exception):
    """The store cannot be opened or used; the message says what to do."""


class BadDocument(StoreError, ValueError):
    """This one write was refused because its document cannot be stored (text that is not
    Unicode, a NUL character). Nothing was changed; other writes are unaffected."""


class Store(Protocol):
    """Tables of JSON documents keyed by string. Every write is durable when the call returns.

    Documents are plain JSON values. `find` filters on equality of top-level fields. `add` and
    `update(..., expect=...)` are atomic, so they can claim work or dedupe deliveries even when
    several processes share one database. A document no store can keep (text with a lone
    surrogate, a NUL character) fails its own write with BadDocument and changes nothing."""

    async def get(self, table: str, key: str) -> Doc | None: ...

    async def put(self, table: str, key: str, doc: Doc) -> None:
        """Insert or replace the document at `key`."""
        ...

    async def add(self, table: str, key: str, doc: Doc) -> bool:
        """Insert only if `key` is absent. True when this call inserted it."""
        ...

    async def update(
        self, table: str, key: str, changes: Doc, *, expect: Doc | None = None
    ) -> bool:
        """Merge `changes` into the document at `key` if it exists and its fields equal `expect`.
        True when the document was changed."""
        ...

    async def delete(self, table: str, key: str) -> bool: ...

    async def find(self, table: str, **where: Any) -> list[Doc]:
        """Documents whose top-level fields equal `where` (Python equality of JSON values; None
        matches a null or missing field), each with its key as `_key`, in insertion order (a
        `put` of an existing key moves it to the end; `update` keeps its place)."""
        ...

    async def find_fields(
        self, table: str, fields: Sequence[str], /, **where: Any
    ) -> list[tuple[Any, ...]]:
        """For each document `find` would return, in the same order, the values of `fields` (None
        where one is missing; `_key` is the key). For lists that need a few fields of many
        documents: nothing is copied whole, and PostgreSQL sends all of them as one JSON value."""
        ...

    async def find_upto(self, table: str, field: str, upto: float, **where: Any) -> list[Doc]:
        """Documents whose numeric top-level `field` is at most `upto` and whose fields equal
        `where`, lowest `field` first (documents without a number there are left out).
        PostgreSQL serves `due_ts` from an index."""
        ...

    async def delete_where(self, table: str, **where: Any) -> int: ...

    async def delete_upto(self, table: str, field: str, upto: float, **where: Any) -> int:
        """Delete, in one write, the documents `find_upto` with the same arguments would
        return; return how many went (purges of expired records)."""
        ...

    async def count(self, table: str, **where: Any) -> int: ...

    async def tables(self) -> list[str]: ...

    async def health(self) -> str | None:
        """None when the store can write; otherwise why not, in one line (for `/healthz`)."""
        ...

    async def close(self) -> None: ...


def pick(docs: Iterable[Doc], fields: Sequence[str]) -> list[tuple[Any, ...]]:
    """`fields` of each document as a tuple, None where one is missing (`find_fields`). One
    `itemgetter` call a document when every document has every field, as stored actions do."""
    docs = list(docs)
    if len(fields) < 2:
        return [tuple(map(d.get, fields)) for d in docs]
    get = itemgetter(*fields)
    try:
        return [get(d) for d in docs]
    except KeyError:  # a field some document lacks
        return [tuple(map(d.get, fields)) for d in docs]


@runtime_checkable
class HasClock(Protocol):
    """Optional store extra: the store's own clock. A store several processes share (PostgreSQL)
    answers with the database server's time, one clock for every replica, so work claimed by
    time (the nudge scheduler's claims) is judged the same way whatever each host's clock says."""

    async def now(self) -> datetime:
        """The current time on the store's clock, timezone-aware."""
        ...
