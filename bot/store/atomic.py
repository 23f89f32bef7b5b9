"""Crash-safe file replacement: write a temp file, fsync it, rename it over, fsync the folder."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

TMP_MARK = ".tmp-"


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def write_atomic(
    target: Path, data: bytes | Iterable[bytes], *, sync_every: int | None = None
) -> None:
    """Replace `target` with `data` (bytes, or pieces of it in order) so that a crash at any
    point leaves the old or the new content. With `sync_every`, the temp file is also synced
    each time that many bytes more are written, so a big file goes to the disk a few MB at a
    time instead of all at the end (where other files' fsyncs would queue behind it)."""
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        unsynced = 0
        for piece in [data] if isinstance(data, bytes) else data:
            write_all(fd, piece)
            unsynced += len(piece)
            if sync_every is not None and unsynced >= sync_every:
                os.fdatasync(fd)
                unsynced = 0
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (a write may take only part)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_orphans(target: Path) -> list[Path]:
    """Delete temp files a crash left beside `target`. Call only while holding the lock."""
    removed = []
    for path in target.parent.glob(f".{target.name}{TMP_MARK}*"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
