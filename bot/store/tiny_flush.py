"""The TinyDB store's journal writes: one fsync shared by concurrent writers (group commit)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from typing import Any

from .atomic import write_all
from .base import StoreError
from .journal import (
    apply,
)
from .tiny_base import T, TinyBase, _largest_id

log = logging.getLogger("bot.store.tiny")


class TinyFlush(TinyBase):
    """Change memory, append the journal line, fsync; share the flush with concurrent writers."""

    async def _commit(self, *, probe: bool = False) -> None:
        """Return once every change made so far is on disk; concurrent callers share a flush.
        When the disk refuses, raise StoreError; the changes stay pending for the next flush.
        `probe` syncs even when nothing is pending (to learn whether the disk is back).

        Every caller awaits the one flush task in flight and all wake together when it ends;
        a caller whose change came after that flush took the pending lines starts (or joins)
        the next. (Queueing on the flush lock instead woke callers one loop turn apart: under
        load a flush's forty-odd writers took most of 80 ms to learn they were already on disk,
        and the next flush waited behind them.)"""
        target = self._storage.version
        while probe or self._flushed < target:
            flush = self._flushing
            if flush is None or flush.done():
                flush = self._flushing = asyncio.get_running_loop().create_task(self._flush(probe))
                probe = False  # this flush started after the call: it is the probe
            try:
                await asyncio.shield(flush)  # a cancelled caller leaves the flush to the rest
            except StoreError as exc:
                raise StoreError(str(exc)) from None  # each caller its own error
        self._maybe_fold()

    async def _flushes_done(self) -> None:
        """Wait for the flush in flight, if any, so nothing touches the journal after this (its
        outcome is for its own writers to report)."""
        flush = self._flushing
        if flush is not None and not flush.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(flush)

    async def _flush(self, probe: bool) -> None:
        """One trip to the worker thread: append what is pending and fsync (under the flush
        lock, so never during a fold's journal rotation)."""
        async with self._flush_lock:
            try:
                version = await self._run(self._flush_sync, probe)
            except OSError as exc:
                raise self._refused(exc) from None
            self._flush_done(version)

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

    async def _write(self, fn: Callable[[], T], *, scan: bool = False) -> T:
        """Make the change in memory, then wait for a flush that covers it. Writers that arrive
        while a flush runs share the next one: one trip to the worker thread per flush, not per
        write. A change is made here on the loop (a read straight after sees it), unless it
        `scan`s a whole table (`delete_where`, `delete_upto`: tens of ms at 500,000 documents):
        that one runs on the worker thread, where the loop keeps its turns, and so does every
        change called while one is queued there, so changes reach memory in call order."""

        def locked() -> T:
            with self._memory:
                return fn()

        if scan or self._on_worker:
            self._on_worker += 1
            try:
                result = await self._run(locked)
            finally:
                self._on_worker -= 1
        else:
            result = locked()
        await self._commit()
        return result

    def _change(self, op: list[Any], line: bytes) -> None:
        """Make one change in memory and queue its journal line. Call with `_memory` held."""
        self._channels.before(self._storage.data, op)
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
