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

import asyncio
import contextlib
import gc
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from .atomic import fsync_dir, remove_orphans, write_all, write_atomic
from .base import Doc, StoreError
from .encode import check_name, encode
from .journal import (
    Tables,
    apply,
    delete_line,
    journal_path,
    journals,
    put_line,
    replay,
    snapshot_chunks,
    update_line,
)
from .lock import FileLock

log = logging.getLogger(__name__)
T = TypeVar("T")
KEY = "_key"
FOLD_FLOOR = 8 << 20  # never fold a journal smaller than this (bytes)
# Fold once the journal is an eighth of the snapshot: start-up replays at most that much (at
# 500,000 documents the 94 MB snapshot takes 1.3 s of CPU to parse; its 12 MB journal, 0.4 s),
# and a fold's cost spread over the writes it folds is small (~2 s of CPU per ~60,000 writes).
FOLD_FRACTION = 8
# After a delete the files still hold what was deleted (in the snapshot, and in the journal's
# earlier lines) until a fold. So a delete brings the next fold forward: at once if the last
# fold was long enough ago, else when it is, spaced 1 s per MB of snapshot (a fold costs about
# 20 ms of CPU per MB, so these take at most ~2% of a core).
ERASE_SPACING = 1.0 / (1 << 20)  # seconds between erasing folds, per byte of snapshot
# A store this big is taken out of the cycle collector's view once loaded (`gc.freeze`): its
# documents hold no cycles, and each full collection would otherwise walk all of them (half a
# second at 500,000 documents, on the event loop). Documents are still freed when removed.
FREEZE_AT = 100_000
SYNC_EVERY = 4 << 20  # a fold syncs its snapshot every 4 MB, so journal fsyncs never queue long


class MemoryFileStorage(Storage):
    """TinyDB storage that holds the tables in memory; the store writes the files itself."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.data: Tables = {}
        self.version = 0
        if self.path.exists() and self.path.stat().st_size:
            enabled = gc.isenabled()
            gc.disable()  # a big file is millions of new containers: do not rescan them all
            try:
                self.data = orjson.loads(self.path.read_bytes())
            except orjson.JSONDecodeError as exc:
                raise StoreError(
                    f"{self.path} is not valid JSON ({exc}). Restore it from a backup, or move it "
                    "aside to start with an empty store."
                ) from None
            finally:
                if enabled:
                    gc.enable()

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.version += 1

    def close(self) -> None:
        pass


class TinyStore:
    """The Store interface on TinyDB. One process per file (guarded by a lock file)."""

    shared = False  # one process only

    def __init__(self, path: str | Path, *, fold_floor: int = FOLD_FLOOR) -> None:
        self.path = Path(path)
        self.fold_floor = fold_floor
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coprod-store")
        self._lock = FileLock(self.path)
        self._db: TinyDB | None = None
        self._index: dict[str, dict[str, str]] = {}  # table -> key -> TinyDB document id
        self._next_id: dict[str, int] = {}
        self._flushed = 0
        self._flush_lock = asyncio.Lock()
        self._flushers = 0  # coroutines holding or waiting for `_flush_lock`
        self._failure: str | None = None  # why the last flush failed, until one succeeds
        # Writes change the in-memory data on the worker thread; reads run on the event loop.
        # This lock is held only for in-memory work (microseconds), never for disk I/O.
        self._memory = threading.Lock()
        # The journal. Lines are appended to `_pending` with the change (under `_memory`);
        # a flush writes them and fsyncs. Only the worker thread touches the file.
        self._pending: list[bytes] = []
        self._unsynced: list[bytes] = []  # lines of a flush that failed: written again
        self._dirty = False  # a failed flush may have left part of a line past `_size`
        self._fd: int | None = None
        self._number = 0  # which journal file is being appended to
        self._size = 0  # bytes of whole, synced lines in that file
        self._since_snapshot = 0  # journal bytes (all files) the snapshot does not hold
        self._snapshot_size = 0
        self._retry_at = 0  # after a failed fold, the journal size to try again at
        self._fold_task: asyncio.Task[None] | None = None
        self._erased = False  # a delete removed documents that the files still hold
        self._last_fold = 0.0  # when the last fold ended (time.monotonic)
        self._erase_timer: asyncio.TimerHandle | None = None
        self._closing = False
        self.folds = 0  # completed folds (for tests and benches)

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
        enabled = gc.isenabled()
        gc.disable()  # millions of new containers: do not let the collector rescan them
        try:
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
        except BaseException:
            self._db = None
            self._lock.release()
            raise
        finally:
            if enabled:
                gc.enable()
        self._flushed = self._storage.version

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
                await self._run(self._close_sync)
            finally:
                await self._run(self._lock.release)
                self._db = None
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
        `probe` syncs even when nothing is pending (to learn whether the disk is back)."""
        target = self._storage.version
        async with self._flush_turn():
            if self._flushed >= target and not probe:
                return
            try:
                version = await self._run(self._flush_sync, probe)
            except OSError as exc:
                raise self._refused(exc) from None
            self._flush_done(version)
        self._maybe_fold()

    @contextlib.asynccontextmanager
    async def _flush_turn(self) -> AsyncIterator[None]:
        """Hold the flush lock; counted from before the wait, so `_write` knows for certain
        whether it would get the lock at once."""
        self._flushers += 1
        try:
            async with self._flush_lock:
                yield
        finally:
            self._flushers -= 1

    def _refused(self, exc: OSError) -> StoreError:
        if self._failure is None:
            log.error("The store cannot write to %s: %s", self.path, exc)
        self._failure = f"cannot write to its file: {exc.strerror or exc}"
        return StoreError(
            f"The store cannot write to {self.path} ({exc.strerror or exc}); the change "
            "is not saved yet. Free disk space or fix the folder's permissions."
        )

    def _flush_done(self, version: int) -> None:
        if self._failure is not None:
            log.warning("The store can write to %s again", self.path)
            self._failure = None
        self._flushed = max(self._flushed, version)

    def _flush_sync(self, probe: bool) -> int:
        """Append the pending lines to the journal and fsync it; return the version covered."""
        with self._memory:
            lines, self._pending = self._pending, []
            version = self._storage.version
        batch = self._unsynced + lines
        self._unsynced = batch
        assert self._fd is not None, "store is not open"
        if batch:
            if self._dirty:
                os.ftruncate(self._fd, self._size)  # the part a failed flush left
            self._dirty = True
            data = b"".join(batch)
            write_all(self._fd, data)
            os.fsync(self._fd)
            self._size += len(data)
            self._since_snapshot += len(data)
        elif probe:
            os.fsync(self._fd)
        self._dirty = False
        self._unsynced = []
        return version

    async def _write(self, fn: Callable[[], T]) -> T:
        def locked() -> T:
            with self._memory:
                return fn()

        if self._flushers:
            # A flush is under way or waited for: queue the change now (writes reach memory in
            # the order they were called), then share the next flush.
            result = await self._run(locked)
            await self._commit()
            return result

        def change_and_flush() -> tuple[T, int]:
            result = locked()
            return result, self._flush_sync(False)

        async with self._flush_turn():  # free at once: one trip to the worker
            try:
                result, version = await self._run(change_and_flush)
            except OSError as exc:
                raise self._refused(exc) from None
            self._flush_done(version)
        self._maybe_fold()
        return result

    def _change(self, op: list[Any], line: bytes) -> None:
        """Make one change in memory and queue its journal line. Call with `_memory` held."""
        apply(self._storage.data, op)
        self._pending.append(line)
        self._storage.version += 1

    def _doc_id(self, table: str, key: str) -> str | None:
        return self._index.get(table, {}).get(key)

    def _new_id(self, table: str) -> str:
        rows = self._storage.data.get(table, {})
        next_id = self._next_id.get(table)
        if next_id is None:
            next_id = _largest_id(rows) + 1
        while str(next_id) in rows:  # only an id written by hand, such as "007", gets here
            next_id += 1
        self._next_id[table] = next_id + 1
        return str(next_id)

    # ---- folding the journal into the snapshot ---------------------------------------------

    def _fold_at(self) -> int:
        return max(self.fold_floor, self._snapshot_size // FOLD_FRACTION, self._retry_at)

    def _maybe_fold(self) -> None:
        """Start a fold if the journal is full, or if a delete is due to leave the files."""
        if self._fold_task is not None or self._closing:
            return  # a running fold calls this again when it ends
        loop = asyncio.get_running_loop()
        if self._since_snapshot > self._fold_at():
            self._fold_task = loop.create_task(self.fold())
        elif self._erased and self._erase_timer is None:
            wait = self._last_fold + self._snapshot_size * ERASE_SPACING - time.monotonic()
            if wait <= 0:
                self._fold_task = loop.create_task(self.fold())
            else:
                self._erase_timer = loop.call_later(wait, self._erase_due)

    def _erase_due(self) -> None:
        self._erase_timer = None
        self._maybe_fold()

    async def settle(self) -> None:
        """Return once the files hold only the current documents: wait for a running fold, and
        fold now if a delete has left what it removed in the files (tests, tools)."""
        while self._fold_task is not None:
            await self._fold_task
        if self._erased:
            await self.fold()

    async def fold(self) -> None:
        """Write a new snapshot holding every change so far and drop the journals it holds.
        Writes go on meanwhile, into a new journal; the snapshot is written on a thread."""
        done = False
        try:
            async with self._flush_turn():
                rotated = await self._run(self._rotate)
            if rotated is not None:
                await asyncio.to_thread(self._write_snapshot, *rotated)
                done = True
        except OSError as exc:
            log.error("Could not fold the journal into %s (%s); will retry", self.path, exc)
            self._retry_at = self._since_snapshot + self.fold_floor
        finally:
            # After a failure, no fold for a minute unless the journal grows by `fold_floor`.
            self._last_fold = time.monotonic() + (0 if done else 60)
            if self._fold_task is asyncio.current_task():
                self._fold_task = None
                if done and not self._closing:
                    self._maybe_fold()  # deletes during the fold, or a journal full again

    def _rotate(self) -> tuple[Tables, int, int, bool] | None:
        """Start the next journal file and copy the tables (a shallow copy: documents are
        replaced, never changed in place). Runs on the worker thread, under the flush lock."""
        if self._dirty or self._unsynced:
            return None  # the disk is failing; fold later
        number = self._number + 1
        path = journal_path(self.path, number)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        try:
            fsync_dir(self.path.parent)
        except OSError:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        with self._memory:
            copy = {table: dict(rows) for table, rows in self._storage.data.items()}
            old_fd, old_number, folded = self._fd, self._number, self._since_snapshot
            self._fd, self._number, self._size, self._since_snapshot = fd, number, 0, 0
            erased, self._erased = self._erased, False
        assert old_fd is not None
        os.close(old_fd)
        return copy, old_number, folded, erased

    def _write_snapshot(self, copy: Tables, upto: int, folded: int, erased: bool) -> None:
        try:
            write_atomic(self.path, snapshot_chunks(copy), sync_every=SYNC_EVERY)
        except OSError:
            self._since_snapshot += folded  # those journals stay and still count
            self._erased = self._erased or erased
            raise
        self._snapshot_size = self.path.stat().st_size
        for number, path in journals(self.path):
            if number <= upto:
                path.unlink(missing_ok=True)
        self._retry_at = 0
        self.folds += 1

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
            rows = self._storage.data.get(table, {})
            items = list(where.items())
            ids = [i for i, r in rows.items() if all(r.get(k) == v for k, v in items)]
            return self._delete_ids(table, ids)

        return await self._write(delete)

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

        return await self._write(delete)

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


_key_of = itemgetter(KEY)


def _largest_id(rows: dict[str, Any]) -> int:
    """The largest document id of a table (ids are decimal text, as TinyDB writes them). The
    longest ids compared as text, without turning 500,000 of them into numbers; `_new_id`
    skips any id already taken, so an id with leading zeros cannot cause a clash."""
    longest = max(map(len, rows), default=0)
    if not longest:
        return 0
    return int(max(compress(rows, map(longest.__eq__, map(len, rows)))))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _public(raw: dict[str, Any]) -> Doc:
    return {**raw}
