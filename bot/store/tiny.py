"""The default store: TinyDB tables in one JSON file, read from memory, written crash-safely.

TinyDB's stock JSONStorage rereads the file on every call and rewrites it in place, so a crash
can leave broken JSON and each call costs a full parse. Here the storage keeps the data in
memory, and the file is replaced atomically (see `atomic.py`). Writes are group-committed: a
call returns only once its change is on disk, but concurrent writers share one flush. All
TinyDB work runs on one worker thread, so the event loop never waits on disk."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .atomic import remove_orphans, write_atomic
from .base import Doc, StoreError
from .encode import check_name, encode
from .lock import FileLock

log = logging.getLogger(__name__)
T = TypeVar("T")
KEY = "_key"


class MemoryFileStorage(Storage):
    """TinyDB storage that serves reads from memory; `flush()` puts the data on disk atomically."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.data: dict[str, dict[str, Any]] = {}
        self.version = 0
        if self.path.exists() and self.path.stat().st_size:
            try:
                self.data = orjson.loads(self.path.read_bytes())
            except orjson.JSONDecodeError as exc:
                raise StoreError(
                    f"{self.path} is not valid JSON ({exc}). Restore it from a backup, or move it "
                    "aside to start with an empty store."
                ) from None

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.version += 1

    def flush(self) -> None:
        write_atomic(self.path, orjson.dumps(self.data))

    def close(self) -> None:
        pass


class _IntKeys(MutableMapping[int, Any]):
    """A view of a stored table (string document ids, as in the file) with the integer ids
    TinyDB's update functions use, so a write touches one document instead of copying all."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> Any:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)


class InPlaceTable(Table):
    """A TinyDB table whose writes change the in-memory data in place. Stock TinyDB rebuilds
    the whole table twice on every write (O(n): 40 ms at 50k documents)."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        updater(_IntKeys(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class _TinyDB(TinyDB):
    table_class = InPlaceTable


class TinyStore:
    """The Store interface on TinyDB. One process per file (guarded by a lock file)."""

    shared = False  # one process only

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coprod-store")
        self._lock = FileLock(self.path)
        self._db: _TinyDB | None = None
        self._index: dict[str, dict[str, int]] = {}
        self._flushed = 0
        self._flush_lock = asyncio.Lock()
        self._failure: str | None = None  # why the last flush failed, until one succeeds
        # Writes change the in-memory data on the worker thread; reads run on the event loop.
        # This lock is held only for in-memory work (microseconds), never for disk I/O.
        self._memory = threading.Lock()

    # ---- lifecycle -------------------------------------------------------------------------

    async def open(self) -> TinyStore:
        await self._run(self._open_sync)
        return self

    def _open_sync(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"COPROD_DB: cannot create folder {self.path.parent}: {exc.strerror}"
            ) from None
        self._lock.acquire()
        try:
            for orphan in remove_orphans(self.path):
                log.warning("Removed an unfinished write left by a crash: %s", orphan)
            self._db = _TinyDB(str(self.path), storage=MemoryFileStorage)
        except BaseException:
            self._lock.release()
            raise
        for name in self._db.tables():
            self._index[name] = {
                str(doc[KEY]): doc.doc_id for doc in self._db.table(name, cache_size=0).all()
            }
        self._flushed = self._storage.version

    async def close(self) -> None:
        if self._db is not None:
            await self._commit()
            await self._run(self._lock.release)
            self._db = None
        self._pool.shutdown(wait=True)

    @property
    def _storage(self) -> MemoryFileStorage:
        assert self._db is not None, "store is not open"
        return self._db.storage  # type: ignore[return-value]

    # ---- plumbing --------------------------------------------------------------------------

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    async def _commit(self, *, probe: bool = False) -> None:
        """Return once every change made so far is on disk; concurrent callers share a flush.
        When the disk refuses, raise StoreError; the changes stay pending for the next flush.
        `probe` flushes even when nothing is pending (to learn whether the disk is back)."""
        target = self._storage.version
        async with self._flush_lock:
            if self._flushed >= target and not probe:
                return
            version = self._storage.version

            def flush() -> None:
                self._storage.flush()

            try:
                await self._run(flush)
            except OSError as exc:
                if self._failure is None:
                    log.error("The store cannot write to %s: %s", self.path, exc)
                self._failure = f"cannot write to its file: {exc.strerror or exc}"
                raise StoreError(
                    f"The store cannot write to {self.path} ({exc.strerror or exc}); the change "
                    "is not saved yet. Free disk space or fix the folder's permissions."
                ) from None
            if self._failure is not None:
                log.warning("The store can write to %s again", self.path)
                self._failure = None
            self._flushed = version

    async def _write(self, fn: Callable[[], T]) -> T:
        def locked() -> T:
            with self._memory:
                return fn()

        result = await self._run(locked)
        await self._commit()
        return result

    def _table(self, name: str):
        assert self._db is not None, "store is not open"
        return self._db.table(name, cache_size=0)

    def _doc_id(self, table: str, key: str) -> int | None:
        return self._index.get(table, {}).get(key)

    # ---- Store interface -------------------------------------------------------------------

    async def get(self, table: str, key: str) -> Doc | None:
        doc_id = self._doc_id(table, key)
        if doc_id is None:
            return None
        with self._memory:
            raw = self._storage.data.get(table, {}).get(str(doc_id))
            return _public(raw) if raw is not None else None

    def _put_sync(self, table: str, key: str, doc: Doc) -> None:
        tbl = self._table(table)
        doc_id = self._doc_id(table, key)
        record = {**doc, KEY: key}
        if doc_id is not None:
            tbl.remove(doc_ids=[doc_id])
            tbl.insert(Document(record, doc_id=doc_id))
        else:
            self._index.setdefault(table, {})[key] = tbl.insert(record)

    async def put(self, table: str, key: str, doc: Doc) -> None:
        check_name(table)
        encode({**doc, KEY: key})  # refuse it before anything changes
        await self._write(lambda: self._put_sync(table, key, doc))

    async def add(self, table: str, key: str, doc: Doc) -> bool:
        check_name(table)
        encode({**doc, KEY: key})

        def add() -> bool:
            if self._doc_id(table, key) is not None:
                return False
            self._put_sync(table, key, doc)
            return True

        return await self._write(add)

    async def update(
        self, table: str, key: str, changes: Doc, *, expect: Doc | None = None
    ) -> bool:
        encode(changes)

        def update() -> bool:
            doc_id = self._doc_id(table, key)
            if doc_id is None:
                return False
            current = self._storage.data[table][str(doc_id)]
            if expect and any(current.get(k) != v for k, v in expect.items()):
                return False
            self._table(table).update(
                {k: v for k, v in changes.items() if k != KEY}, doc_ids=[doc_id]
            )
            return True

        return await self._write(update)

    async def delete(self, table: str, key: str) -> bool:
        def delete() -> bool:
            doc_id = self._index.get(table, {}).pop(key, None)
            if doc_id is None:
                return False
            self._table(table).remove(doc_ids=[doc_id])
            return True

        return await self._write(delete)

    def _matching(self, table: str, where: dict[str, Any]) -> list[dict[str, Any]]:
        """Documents whose fields equal `where`. Call with `self._memory` held."""
        rows = self._storage.data.get(table, {}).values()
        if not where:
            return list(rows)
        (first, value), *rest = where.items()
        found = [r for r in rows if r.get(first) == value]  # one cheap pass, then the rest
        return [r for r in found if all(r.get(k) == v for k, v in rest)] if rest else found

    async def find(self, table: str, **where: Any) -> list[Doc]:
        with self._memory:
            return [{**r} for r in self._matching(table, where)]

    async def find_upto(self, table: str, field: str, upto: float, **where: Any) -> list[Doc]:
        with self._memory:
            found = [
                {**r}
                for r in self._matching(table, where)
                if _is_number(r.get(field)) and r[field] <= upto
            ]
        found.sort(key=lambda r: r[field])
        return found

    async def delete_where(self, table: str, **where: Any) -> int:
        def delete() -> int:
            if table not in self._index:
                return 0
            items = list(where.items())
            removed = self._table(table).remove(
                lambda r: all(r.get(k) == v for k, v in items)  # same test as `find`
            )
            gone = set(removed)
            self._index[table] = {k: v for k, v in self._index[table].items() if v not in gone}
            return len(removed)

        return await self._write(delete)

    async def delete_upto(self, table: str, field: str, upto: float, **where: Any) -> int:
        def delete() -> int:
            if table not in self._index:
                return 0
            ids = [
                int(doc_id)
                for doc_id, r in self._storage.data.get(table, {}).items()
                if _is_number(r.get(field))
                and r[field] <= upto
                and all(r.get(k) == v for k, v in where.items())
            ]
            if not ids:
                return 0
            self._table(table).remove(doc_ids=ids)
            gone = set(ids)
            self._index[table] = {k: v for k, v in self._index[table].items() if v not in gone}
            return len(ids)

        return await self._write(delete)

    async def count(self, table: str, **where: Any) -> int:
        with self._memory:
            return len(self._matching(table, where))

    async def health(self) -> str | None:
        if self._failure is not None:
            try:
                await self._commit(probe=True)  # pending changes, or a rewrite to test the disk
            except StoreError:
                pass
        return self._failure

    async def tables(self) -> list[str]:
        with self._memory:
            return sorted(t for t, rows in self._storage.data.items() if rows)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _public(raw: dict[str, Any]) -> Doc:
    return {**raw}
