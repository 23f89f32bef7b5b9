"""One writer per store file: an exclusive, non-blocking lock held for the process's lifetime."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .base import StoreError


class FileLock:
    """Hold `<file>.lock` exclusively; a second process gets a clear StoreError."""

    def __init__(self, target: Path) -> None:
        self.path = target.with_name(target.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                f"Another coprod process is already using {self.path.with_suffix('')}. "
                "Stop it first, or set COPROD_DB to a different file (or to a postgresql:// "
                "address to run several processes)."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
