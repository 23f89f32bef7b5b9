"""The cycle collector paused while a store builds or holds millions of containers at once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # pauses open now, in any thread
_resume = False  # whether the collector was on when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cycle collector off for the block. Pauses nest and overlap across threads (a
    store opening while another folds): the collector comes back on when the last one ends,
    and only if it was on when the first began. Objects made meanwhile are collected as usual
    afterwards; only no collection runs (and walks what the block holds) until then."""
    global _holders, _resume
    with _lock:
        if _holders == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _resume:
                gc.enable()
