"""Folding the TinyDB journal into a new snapshot, atomically, on a thread."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time

from .atomic import fsync_dir, write_atomic
from .gc_pause import collector_paused
from .journal import (
    Tables,
    journal_path,
    journals,
    snapshot_chunks,
)
from .tiny_base import ERASE_SPACING, FOLD_FRACTION, SYNC_EVERY
from .tiny_flush import TinyFlush

log = logging.getLogger("bot.store.tiny")


class TinyFold(TinyFlush):
    """When the journal is full (or a delete is due to leave the files), write a snapshot."""

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
        async with self._fold_lock:
            await self._fold()

    async def _fold(self) -> None:
        done = False
        try:
            number, fd = await asyncio.to_thread(self._next_journal)
            async with self._flush_lock:  # no journal line in flight
                rotated = await self._run(self._rotate, number, fd)
            if rotated is not None:
                await asyncio.to_thread(self._fold_sync, *rotated)
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

    def _next_journal(self) -> tuple[int, int]:
        """Create the next journal file, empty, and sync the folder, before any write waits for
        the fold (a crash now leaves an empty newest journal, which the next open appends to).
        Numbered past every journal there is, in case an earlier fold left one behind."""
        number = max([self._number, *(n for n, _ in journals(self.path))]) + 1
        path = journal_path(self.path, number)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        try:
            fsync_dir(self.path.parent)
        except OSError:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        return number, fd

    def _rotate(self, number: int, fd: int) -> tuple[list[str], int, int, bool] | None:
        """Append to the new journal from now on; the names of the tables to fold. Runs on the
        worker thread, under the flush lock, so no journal line is in flight."""
        if self._dirty or self._unsynced:  # the disk is failing; fold later
            os.close(fd)
            journal_path(self.path, number).unlink(missing_ok=True)
            return None
        with self._memory:
            names = list(self._storage.data)
            old_fd, folded = self._fd, self._since_snapshot
            self._fd, self._number, self._size, self._since_snapshot = fd, number, 0, 0
            erased, self._erased = self._erased, False
        assert old_fd is not None
        os.close(old_fd)
        return names, number - 1, folded, erased  # the snapshot holds every older journal

    def _fold_sync(self, names: list[str], upto: int, folded: int, erased: bool) -> None:
        """Take the tables and write them as the new snapshot, on the fold's thread. The copies
        live only in this call, so they are gone by the time the fold's await returns (handed
        back as the thread's result, they stayed referenced by its future until the worker
        thread let go of it, a moment later).

        The cycle collector stays off while the copies live: each is a new container holding
        every document of its table, and the first collection after it was made walked all of
        them, with every thread stopped (160-260 ms at 500,000 documents, in one fold of two
        or so; `benchmarks-store.md`, "A collection during a fold"). What the rest of the
        process makes meanwhile is collected as usual once the fold has written the snapshot."""
        with collector_paused():
            self._write_snapshot(self._take_tables(names), upto, folded, erased)

    def _take_tables(self, names: list[str]) -> Tables:
        """The tables to write, one at a time under the memory lock, writes going on in between:
        each table is copied (`dict.copy` clones a mostly dense table in C, about 10 ms for
        500,000 documents; `dict(rows)` took 40-85 ms) and the fold takes the copy, which
        nothing changes after that. The store carries on in its own dict, which start-up froze
        out of the cycle collector's view (`gc.freeze`) or which has long been old: a new
        500,000-entry dict would cost the next young and middle collections 16 ms each, on the
        event loop, and every full collection after them. Only when the copy is smaller (a
        sparse table, which `dict.copy` compacts) does the store carry on in the copy instead.
        A table taken after some of the new journal's changes is still right: replaying them
        again changes nothing (`journal.py`). Documents are replaced, never changed in place,
        so the taken dicts hold each document as it was."""
        taken: Tables = {}
        for name in names:
            with self._memory:
                rows = self._storage.data.get(name)
                if rows is None:
                    continue
                copy = rows.copy()
                if sys.getsizeof(copy) < sys.getsizeof(rows):  # compacted: the store keeps it
                    self._storage.data[name], copy = copy, rows
            taken[name] = copy
        return taken

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
