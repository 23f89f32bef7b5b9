"""The default store: TinyDB tables in memory, a JSON snapshot plus an append-only journal.

TinyDB's stock JSONStorage rereads the file on every call and rewrites it in place, so a crash
can leave broken JSON and each call costs a full parse. Here the data lives in memory, in
TinyDB's layout. Each write appends one line to the journal (`journal.py`) and fsyncs it, so a
write costs the same at any size; concurrent writers share one fsync (group commit). When the
journal grows past an eighth of the snapshot (at least `fold_floor` bytes) it is folded into a new
snapshot on a thread, written atomically (`atomic.py`); start-up loads the snapshot and replays
the journal. A clean close folds too, leaving the plain TinyDB file. Store work runs on one
worker thread, so the event loop never waits on disk."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Sequence
from typing import Any

from tinydb import TinyDB

from .atomic import fsync_dir, remove_orphans, write_atomic
from .base import Doc, StoreError, pick
from .encode import check_name, encode
from .gc_pause import collector_paused
from .journal import (
    delete_line,
    journal_path,
    journals,
    put_line,
    replay,
    snapshot_chunks,
    update_line,
)
from .tiny_base import (
    FOLD_FLOOR,
    FOLD_FRACTION,
    FREEZE_AT,
    KEY,
    MemoryFileStorage,
    _is_number,
    _key_of,
    _largest_id,
    _public,
)
from .tiny_fold import TinyFold
from .tiny_index import FIELD as CHANNEL

__all__ = ["FOLD_FLOOR", "FOLD_FRACTION", "MemoryFileStorage", "TinyStore"]

log = logging.getLogger(__name__)


class TinyStore(TinyFold):
    """The Store interface on TinyDB. One process per file (guarded by a lock file). Its
    journal writes are `tiny_flush.py`, its folds `tiny_fold.py`, its state `tiny_base.py`."""

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
            with collector_paused():  # millions of new containers: no rescanning them all
                self._load()
        except BaseException:
            self._db = None
            self._lock.release()
            raise
        self._flushed = self._storage.version

    def _load(self) -> None:
        """Read the snapshot and replay the journals into memory; index what they hold."""
        for orphan in remove_orphans(self.path):
            log.warning("Removed an unfinished write left by a crash: %s", orphan)
        self._db = TinyDB(str(self.path), storage=MemoryFileStorage)
        self._snapshot_size = self.path.stat().st_size if self.path.exists() else 0
        self._open_journal()
        documents = 0
        for name, rows in self._storage.data.items():
            self._index[name] = dict(zip(map(_key_of, rows.values()), rows, strict=True))
            self._next_id[name] = _largest_id(rows) + 1
            documents += len(rows)
        if documents >= FREEZE_AT:
            gc.freeze()

    def _open_journal(self) -> None:
        """Replay every journal over the snapshot; append to the newest from its last whole line."""
        found = journals(self.path)
        kept = 0
        for _, path in found:
            kept, _changes = replay(self._storage.data, path)
            self._since_snapshot += kept
        if found:
            self._number, path = found[-1]
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            if os.fstat(self._fd).st_size > kept:
                os.ftruncate(self._fd, kept)  # drop the line a crash cut short
                os.fsync(self._fd)
            self._size = kept
        else:
            self._number = 1
            path = journal_path(self.path, 1)
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            fsync_dir(self.path.parent)

    async def close(self) -> None:
        if self._db is not None:
            self._closing = True
            if self._erase_timer is not None:
                self._erase_timer.cancel()
            try:
                if self._fold_task is not None:
                    await self._fold_task
                await self._commit()
                await self._flushes_done()  # a probe's flush, started but not yet run
                await self._run(self._close_sync)
            finally:
                await self._run(self._lock.release)
                self._db = None
                self._channels.clear()
        self._pool.shutdown(wait=True)

    def _close_sync(self) -> None:
        """Fold everything into the snapshot and remove the journals (best effort: on a disk
        error the journals stay, and the next open replays them)."""
        assert self._fd is not None
        os.close(self._fd)
        self._fd = None
        try:
            if self._since_snapshot:
                write_atomic(self.path, snapshot_chunks(self._storage.data))
            for _, path in journals(self.path):
                path.unlink(missing_ok=True)
        except OSError as exc:
            log.error("Could not fold the journal into %s on close (%s); kept", self.path, exc)

    # ---- Store interface -------------------------------------------------------------------

    async def get(self, table: str, key: str) -> Doc | None:
        doc_id = self._doc_id(table, key)
        if doc_id is None:
            return None
        with self._memory:
            raw = self._storage.data.get(table, {}).get(doc_id)
            return _public(raw) if raw is not None else None

    def _put_sync(self, table: str, key: str, record: Doc, data: bytes) -> None:
        doc_id = self._doc_id(table, key)
        if doc_id is None:
            doc_id = self._index.setdefault(table, {})[key] = self._new_id(table)
        self._change(["p", table, doc_id, record], put_line(table, doc_id, data))

    async def put(self, table: str, key: str, doc: Doc) -> None:
        check_name(table)
        record = {**doc, KEY: key}
        data = encode(record)  # refuse it before anything changes
        await self._write(lambda: self._put_sync(table, key, record, data))

    async def add(self, table: str, key: str, doc: Doc) -> bool:
        check_name(table)
        record = {**doc, KEY: key}
        data = encode(record)

        def add() -> bool:
            if self._doc_id(table, key) is not None:
                return False
            self._put_sync(table, key, record, data)
            return True

        return await self._write(add)

    async def update(
        self, table: str, key: str, changes: Doc, *, expect: Doc | None = None
    ) -> bool:
        fields = {k: v for k, v in changes.items() if k != KEY}
        data = encode(fields)

        def update() -> bool:
            doc_id = self._doc_id(table, key)
            if doc_id is None:
                return False
            current = self._storage.data[table][doc_id]
            if expect and any(current.get(k) != v for k, v in expect.items()):
                return False
            self._change(["u", table, doc_id, fields], update_line(table, doc_id, data))
            return True

        return await self._write(update)

    def _delete_ids(self, table: str, doc_ids: list[str]) -> int:
        """Delete these documents (and their keys). Call with `_memory` held."""
        if not doc_ids:
            return 0
        rows, index = self._storage.data[table], self._index.get(table, {})
        for doc_id in doc_ids:
            index.pop(str(rows[doc_id][KEY]), None)
        self._change(["d", table, doc_ids], delete_line(table, doc_ids))
        self._erased = True
        return len(doc_ids)

    async def delete(self, table: str, key: str) -> bool:
        def delete() -> bool:
            doc_id = self._doc_id(table, key)
            return doc_id is not None and self._delete_ids(table, [doc_id]) == 1

        return await self._write(delete)

    def _matching(self, table: str, where: dict[str, Any]) -> list[dict[str, Any]]:
        """Documents whose fields equal `where`. Call with `self._memory` held."""
        channel = where.get(CHANNEL)
        if type(channel) is str:  # the channel's documents only, from the index
            found = self._channels.rows(self._storage.data, table, channel)
            rest = [(k, v) for k, v in where.items() if k != CHANNEL]
        else:
            rows = self._storage.data.get(table, {}).values()
            if not where:
                return list(rows)
            (first, value), *rest = where.items()
            found = [r for r in rows if r.get(first) == value]  # one cheap pass, then the rest
        for k, v in rest:  # one list a field: no generator for each document
            found = [r for r in found if r.get(k) == v]
        return found

    async def find(self, table: str, **where: Any) -> list[Doc]:
        with self._memory:
            return [{**r} for r in self._matching(table, where)]

    async def find_fields(
        self, table: str, fields: Sequence[str], /, **where: Any
    ) -> list[tuple[Any, ...]]:
        with self._memory:
            return pick(self._matching(table, where), fields)

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
            rows = self._storage.data.get(table, {})
            items = list(where.items())
            ids = [i for i, r in rows.items() if all(r.get(k) == v for k, v in items)]
            return self._delete_ids(table, ids)

        return await self._write(delete, scan=True)

    async def delete_upto(self, table: str, field: str, upto: float, **where: Any) -> int:
        def delete() -> int:
            ids = [
                doc_id
                for doc_id, r in self._storage.data.get(table, {}).items()
                if _is_number(r.get(field))
                and r[field] <= upto
                and all(r.get(k) == v for k, v in where.items())
            ]
            return self._delete_ids(table, ids)

        return await self._write(delete, scan=True)

    async def count(self, table: str, **where: Any) -> int:
        with self._memory:
            return len(self._matching(table, where))

    async def health(self) -> str | None:
        if self._failure is not None:
            try:
                await self._commit(probe=True)  # pending changes, or a sync to test the disk
            except StoreError:
                pass
        return self._failure

    async def tables(self) -> list[str]:
        with self._memory:
            return sorted(t for t, rows in self._storage.data.items() if rows)
