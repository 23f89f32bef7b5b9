"""Acks before work: deferred work runs beside the acks, a few pieces at a time, in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Coroutine, Iterator
from typing import Any

from .lane import Lane

QUIET_SECONDS = 0.01  # no request for this long: the burst is over
MAX_WAIT_SECONDS = 0.2  # however busy, a piece of work waits no longer than this to start
LATE_SECONDS = 1.0  # after this long in the queue a piece's steps no longer wait for the lane
WORKERS = 4  # pieces of work running at once (the CPU share work takes from the acks)
STARTED = 64  # pieces past the hold at once: their checks (store writes) share one flush
SLOW_SECONDS = 1.0  # a piece still running after this is waiting on the network: its slot frees

Work = Coroutine[Any, Any, None]
Check = Coroutine[Any, Any, bool]
log = logging.getLogger(__name__)


class AckFirst:
    """Slack wants every request acknowledged within 3 s, and the acks and the work behind them
    (the core, the Web API) share one event loop. Three rules keep the acks quick without ever
    parking the work until traffic stops:

    - **Bounded concurrency.** At most `WORKERS` pieces run at once, in the order they were
      queued. However long a stream of requests lasts, the work behind them never lands all at
      once: each loop turn runs at most a few pieces' steps beside the acks that are ready. A
      piece still running after `SLOW_SECONDS` (a Web API call that retries, a slow response
      URL) gives up its slot, so one slow call never holds up the rest. A piece's `check`
      (is this a repeat or a replay? one store write) runs before it takes a slot, beside up
      to `STARTED` others, so their writes share one flush of the store instead of queueing
      one by one behind the slots.
    - **A short hold in a burst.** A queued piece starts when no request is in flight and none
      arrived for `QUIET_SECONDS`, or after `MAX_WAIT_SECONDS` at most. So a burst is acked
      first, and under sustained load (when the burst never ends) work runs continuously, at
      most that much later, instead of waiting for a quiet moment.

    - **A bounded slice of each loop turn.** Every step of a piece (and of its check) runs in
      a `Lane`: once deferred work has used its budget in a loop turn, its next step waits for
      the next turn, after the sockets are polled, so an ack never waits behind a heap of it;
      a piece queued `LATE_SECONDS` ago leaves the lane, so its reply is never held for ever.

    The ack path only queues the work (it starts a worker task only while fewer than `STARTED`
    run; under sustained load they stay). One worker at a time watches the head of the queue
    and starts at most one piece a loop turn; the others wait their turn without polling."""

    def __init__(self, workers: int | None = None) -> None:
        self.inflight = 0
        self.last_seen = 0.0
        self.workers = workers or WORKERS
        self._slots = asyncio.Semaphore(self.workers)
        self._queue: deque[tuple[float, Work, Check | None]] = deque()
        self._workers: set[asyncio.Task[None]] = set()
        self._active = 0  # workers not yet finished (counted down the moment one stops)
        self._slow: set[asyncio.Task[None]] = set()  # pieces that gave up their slot
        self._turn: asyncio.Lock | None = None  # which worker takes the next piece
        self.lane = Lane()  # the work's steps: a bounded slice of each loop turn

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

    def later(self, work: Work, check: Check | None = None) -> None:
        """Run `work` beside the acks: once the current burst is acked, or within
        `MAX_WAIT_SECONDS` however busy, with at most `WORKERS` pieces running at once. When
        `check` is given it runs first, and `work` runs only if it says True."""
        self._queue.append((time.monotonic() + MAX_WAIT_SECONDS, work, check))
        if self._active < STARTED:
            self._active += 1
            task = asyncio.get_running_loop().create_task(self._worker())
            self._workers.add(task)
            task.add_done_callback(self._workers.discard)

    @property
    def backlog(self) -> int:
        """Pieces queued and not started yet."""
        return len(self._queue)

    async def idle(self) -> None:
        """Wait until all queued and started work has finished (tests, shutdown)."""
        while self._queue or self._workers or self._slow:
            await asyncio.gather(*self._workers, *self._slow, return_exceptions=True)

    async def _next(self) -> asyncio.Task[None] | None:
        """Start the next piece once it may start; None when the queue is empty. The turn
        passes on only after the piece's first step ran, so a request it brings in (or one
        that arrived meanwhile) is seen before the next piece starts."""
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:  # the others wait here, without polling
            while self._queue:
                deadline, work, check = self._queue[0]
                now = time.monotonic()
                if not self._busy(now) or now >= deadline:
                    self._queue.popleft()
                    late_at = deadline - MAX_WAIT_SECONDS + LATE_SECONDS
                    piece = asyncio.get_running_loop().create_task(
                        self._piece(work, check, late_at)
                    )
                    await asyncio.sleep(0)  # one piece a loop turn
                    return piece
                quiet_at = self.last_seen + QUIET_SECONDS if self.inflight == 0 else now
                wake = min(deadline, max(quiet_at, now + QUIET_SECONDS / 2))
                await asyncio.sleep(wake - now)
            return None

    async def _worker(self) -> None:
        try:
            while (piece := await self._next()) is not None:
                done, _ = await asyncio.wait({piece}, timeout=SLOW_SECONDS)
                if not done:  # waiting on the network, not using the loop: let the next start
                    self._slow.add(piece)
                    piece.add_done_callback(self._slow.discard)
        finally:
            # At once, with no await in between: a piece queued from now on starts a worker.
            self._active -= 1

    async def _piece(self, work: Work, check: Check | None, late_at: float) -> None:
        try:
            go = check is None or await self.lane.run(check, late_at)
        except Exception:
            log.exception("Slack background work failed (its check)")
            go = False
        finally:
            if check is not None:
                check.close()
        if not go:
            work.close()  # a repeat or a replay: never started, no "never awaited" warning
            return
        async with self._slots:  # the bounded part: in order, a few at once
            running = asyncio.get_running_loop().create_task(_logged(work, self.lane, late_at))
            done, _ = await asyncio.wait({running}, timeout=SLOW_SECONDS)
        if not done:  # waiting on the network, not using the loop: its slot is free again
            await running


async def _logged(work: Work, lane: Lane, late_at: float) -> None:
    try:
        await lane.run(work, late_at)
    except Exception:
        log.exception("Slack background work failed")
    finally:
        work.close()  # never started (shutdown): no "never awaited" warning
