"""Folding the TinyDB journal into a new snapshot, atomically, on a thread."""

from __future__ import annotations

import asyncio
import logging
import os
import time

from .atomic import fsync_dir, write_atomic
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
