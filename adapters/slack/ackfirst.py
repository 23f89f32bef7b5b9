"""Acks before work: background work waits while a burst of requests is still being acked."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Coroutine, Iterator
from typing import Any

QUIET_SECONDS = 0.01  # no request for this long: the burst is over
MAX_WAIT_SECONDS = 0.5  # work never waits longer than this, however busy

Work = Coroutine[Any, Any, None]


class AckFirst:
    """Slack wants every request acknowledged within 3 s. In a burst, the work behind the first
    acks (the core, the Web API) would compete with the acks still to send. So work starts once
    no request is in flight and none arrived for `QUIET_SECONDS`, or after `MAX_WAIT_SECONDS`
    at most, so it never starves.

    The ack path only queues the work (no task yet). One releaser task starts queued work one
    piece per event-loop turn, looking again between pieces: a request that arrives meanwhile
    closes the gate after at most a piece or two, instead of waiting behind the whole queue."""

    def __init__(self) -> None:
        self.inflight = 0
        self.last_seen = 0.0
        self._queue: deque[tuple[float, Work]] = deque()
        self._tasks: set[asyncio.Task[None]] = set()
        self._releaser: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        self.inflight += 1
        self.last_seen = time.monotonic()
        try:
            yield
        finally:
            self.inflight -= 1
            self.last_seen = time.monotonic()

    def _busy(self, now: float) -> bool:
        return self.inflight > 0 or now - self.last_seen < QUIET_SECONDS

    def later(self, work: Work) -> None:
        """Run `work` once the current burst has been acked (at most 0.5 s from now)."""
        self._queue.append((time.monotonic() + MAX_WAIT_SECONDS, work))
        if self._releaser is None or self._releaser.done():
            self._releaser = asyncio.get_running_loop().create_task(self._release())

    async def idle(self) -> None:
        """Wait until all queued and started work has finished (tests, shutdown)."""
        while self._queue or self._tasks:
            pending = [*self._tasks]
            if self._releaser is not None and not self._releaser.done():
                pending.append(self._releaser)
            await asyncio.gather(*pending, return_exceptions=True)

    async def _release(self) -> None:
        while self._queue:
            now = time.monotonic()
            if self._busy(now):
                # Start only what has waited its longest; look again when it could be quiet.
                while self._queue and self._queue[0][0] <= now:
                    self._start()
                quiet_at = self.last_seen + QUIET_SECONDS if self.inflight == 0 else now
                await asyncio.sleep(max(quiet_at - now, QUIET_SECONDS / 2))
                continue
            self._start()
            await asyncio.sleep(0)  # one piece of work runs before the next look

    def _start(self) -> None:
        _deadline, work = self._queue.popleft()
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
