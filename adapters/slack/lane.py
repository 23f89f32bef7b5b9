"""A low-priority lane: deferred work gets a bounded slice of each loop turn, acks the rest."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine, Generator
from typing import Any, TypeVar

BUDGET_SECONDS = 0.0001  # deferred work's share of one loop turn before pending I/O is polled

T = TypeVar("T")


class Lane:
    """asyncio runs every ready callback of a loop turn before it polls the sockets again, so an
    ack that arrives behind several pieces of deferred work waits for all of them. Work run
    through `lane.run(coro)` is resumed only while the lane has spent less than `budget` seconds
    since the last poll; past that, each of its steps waits for the next loop turn (after the
    poll, so ready acks are read and run first). With nothing else to do, a turn is short and the
    lane gets the next one at once: the work never waits for traffic to stop."""

    def __init__(self, budget: float = BUDGET_SECONDS) -> None:
        self.budget = budget
        self.spent = 0.0
        self._waiting: list[asyncio.Future[None]] = []  # one future each: cancelling one is safe

    def run(
        self, coro: Coroutine[Any, Any, T], late_at: float = float("inf")
    ) -> Coroutine[Any, Any, T]:
        """`coro`, each of whose steps takes its place in the lane until `late_at` (monotonic
        time): from then on its steps run at once, so work is late by at most that much."""
        return self._drive(coro, late_at)

    async def _drive(self, coro: Coroutine[Any, Any, T], late_at: float) -> T:
        return await _Stepped(self, coro, late_at)

    def _turn(self, late_at: float = float("inf")) -> asyncio.Future[None] | None:
        """None: the step may run now; else a future done at the next loop turn."""
        if self.spent <= self.budget:  # at least one step a turn, even with no budget
            return None
        if late_at != float("inf") and time.monotonic() >= late_at:
            return None
        loop = asyncio.get_running_loop()
        if not self._waiting:
            loop.call_soon(self._open)  # runs in the next loop turn, after the poll
        turn = loop.create_future()
        self._waiting.append(turn)
        return turn

    def _open(self) -> None:
        self.spent = 0.0
        waiting, self._waiting = self._waiting, []
        for turn in waiting:
            if not turn.done():
                turn.set_result(None)


class _Stepped:
    """Drives `coro` step by step (as a Task would), timing each step and waiting for a turn of
    the lane before resuming it. Futures, results, exceptions and cancellation pass through."""

    def __init__(self, lane: Lane, coro: Coroutine[Any, Any, Any], late_at: float) -> None:
        self.lane = lane
        self.coro = coro
        self.late_at = late_at

    def __await__(self) -> Generator[Any, Any, Any]:
        lane, coro, late_at = self.lane, self.coro, self.late_at
        value: Any = None
        error: BaseException | None = None
        while True:
            turn = lane._turn(late_at)
            while turn is not None:
                try:
                    yield from turn.__await__()
                except GeneratorExit:  # closed, not cancelled: close the work too
                    coro.close()
                    raise
                except BaseException as exc:  # cancelled while waiting: the work sees it
                    error = exc
                    break
                turn = lane._turn(late_at)
            started = time.perf_counter()
            try:
                if error is None:
                    step = coro.send(value)
                else:
                    step, error = coro.throw(error), None
            except StopIteration as stop:
                return stop.value
            finally:
                lane.spent += time.perf_counter() - started
            try:
                value = yield step
            except GeneratorExit:
                coro.close()
                raise
            except BaseException as exc:
                value, error = None, exc
