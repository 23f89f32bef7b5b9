"""The server lets its event loop take the GIL back from the store's writer thread quickly."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest

from runtime.server import SWITCH_INTERVAL_SECONDS, share_the_gil


@pytest.fixture
def restore_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def median_wait(samples: int = 50) -> float:
    """The median time `time.sleep(0)` takes to get the GIL back from a busy thread."""
    stop = threading.Event()

    def busy() -> None:  # pure Python, holding the GIL, like a JSON encode of a whole file
        while not stop.is_set():
            sum(range(1000))

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        waits = []
        for _ in range(samples):
            started = time.perf_counter()
            time.sleep(0)  # gives the GIL up, as every socket call of the event loop does
            waits.append(time.perf_counter() - started)
    finally:
        stop.set()
        worker.join()
    return sorted(waits)[len(waits) // 2]


def test_a_busy_thread_keeps_the_loop_waiting_no_longer_than_the_interval(
    restore_interval: None,
) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    slow = median_wait()
    share_the_gil()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_SECONDS)
    fast = median_wait()
    # At the default 5 ms most waits are 5 ms; at 0.5 ms the median is well under. Judged
    # against the default measured just before, so a machine that is busy with other work (the
    # test suite's other workers) slows both alike instead of failing the test.
    assert fast < 0.0025 or fast < slow / 3, (fast, slow)
