"""The TinyDB store's state: its files, locks, journal position and fold bookkeeping."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from .base import Doc, StoreError
from .gc_pause import collector_paused
from .journal import (
    Tables,
)
from .lock import FileLock
from .tiny_index import ChannelIndex

log = logging.getLogger("bot.store.tiny")
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
            # A big file is millions of new containers: the collector would rescan them all.
            # msgspec, not orjson: at 500,000 documents a fresh process parses the 94 MB
            # snapshot in 1.0 s instead of 1.4 s, into 520 MB instead of 750 MB (fewer pages
            # to fault in); the journal's short lines are read with orjson.
            raw = self.path.read_bytes()
            try:
                with collector_paused():
                    self.data = msgspec.json.decode(raw)
            except msgspec.DecodeError:
                raise StoreError(
                    f"{self.path} is not valid JSON ({_where_broken(raw)}). Restore it from a "
                    "backup, or move it aside to start with an empty store."
                ) from None

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.version += 1

    def close(self) -> None:
        pass


class TinyBase:
    """What every part of `TinyStore` shares (set up here, used by the flush, fold and API)."""

    shared = False  # one process only

    def __init__(self, path: str | Path, *, fold_floor: int = FOLD_FLOOR) -> None:
        self.path = Path(path)
        self.fold_floor = fold_floor
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coprod-store")
        self._lock = FileLock(self.path)
        self._db: TinyDB | None = None
        self._index: dict[str, dict[str, str]] = {}  # table -> key -> TinyDB document id
        self._channels = ChannelIndex()  # table -> channel_key -> document ids
        self._next_id: dict[str, int] = {}
        self._flushed = 0
        self._flush_lock = asyncio.Lock()  # one flush (or journal rotation) at a time
        self._flushing: asyncio.Task[None] | None = None  # the flush every writer now awaits
        self._on_worker = 0  # changes queued on the worker thread (`TinyFlush._write`)
        self._failure: str | None = None  # why the last flush failed, until one succeeds
        # Writes change the in-memory data on the event loop, as reads do (a whole-table scan
        # on the worker thread); the worker swaps the pending lines out under the lock, and a
        # fold takes each table under it.
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
        self._fold_lock = asyncio.Lock()  # one fold at a time, whoever starts it
        self._erased = False  # a delete removed documents that the files still hold
        self._last_fold = 0.0  # when the last fold ended (time.monotonic)
        self._erase_timer: asyncio.TimerHandle | None = None
        self._closing = False
        self.folds = 0  # completed folds (for tests and benches)

    @property
    def _storage(self) -> MemoryFileStorage:
        assert self._db is not None, "store is not open"
        return self._db.storage  # type: ignore[return-value]

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    def _maybe_fold(self) -> None:
        """Start a fold when one is due (`TinyFold`)."""
        raise NotImplementedError


_key_of = itemgetter(KEY)


def _where_broken(raw: bytes) -> str:
    """What is wrong with JSON that would not parse, and at which line and column (orjson's
    words: msgspec names only a byte, or nothing for a file cut short)."""
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return str(exc)
    return "it could not be read"


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
