"""The low-priority lane: deferred work's steps share each loop turn with a bounded budget, so
an ack that arrives behind a heap of deferred work is served within one turn; the work itself
still runs to the end, with its results, errors and cancellation intact."""

from __future__ import annotations

import asyncio
import time
import types
from collections.abc import Generator

import pytest

from adapters.slack.lane import Lane


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def test_an_ack_behind_deferred_work_waits_at_most_a_budget() -> None:
    """Twenty pieces of deferred work, each with a 2 ms step ready at once: without the lane an
    ack arriving now waits for all of them (40 ms); with it, for about one step."""
    lane = Lane(budget=0.0005)
    go = asyncio.Event()

    async def piece() -> None:
        await go.wait()
        _busy(0.002)
        await asyncio.sleep(0)
        _busy(0.002)

    tasks = [asyncio.create_task(lane.run(piece())) for _ in range(20)]
    await asyncio.sleep(0)  # all twenty wait on `go`
    go.set()
    started = time.perf_counter()
    await asyncio.sleep(0)  # the "ack": one loop turn later than the pieces became ready
    await asyncio.sleep(0)
    waited = time.perf_counter() - started
    await asyncio.gather(*tasks)
    assert waited < 0.015, f"the ack waited {waited * 1000:.1f} ms behind deferred work"


async def test_without_the_lane_the_same_ack_waits_for_everything() -> None:
    """The control for the test above: the wait it prevents is real."""
    go = asyncio.Event()

    async def piece() -> None:
        await go.wait()
        _busy(0.002)

    tasks = [asyncio.create_task(piece()) for _ in range(20)]
    await asyncio.sleep(0)
    go.set()
    started = time.perf_counter()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    waited = time.perf_counter() - started
    await asyncio.gather(*tasks)
    assert waited >= 0.035


async def test_results_errors_and_awaited_values_pass_through() -> None:
    lane = Lane(budget=0.0)  # every step waits for a turn

    async def inner() -> int:
        await asyncio.sleep(0.001)
        fut: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_later(0.001, fut.set_result, 40)
        return await fut + 2

    async def fails() -> None:
        await asyncio.sleep(0)
        raise ValueError("boom")

    async def catches() -> str:
        try:
            await asyncio.wait_for(asyncio.sleep(1), 0.01)
        except TimeoutError:
            return "caught"
        return "not"

    assert await lane.run(inner()) == 42
    with pytest.raises(ValueError, match="boom"):
        await lane.run(fails())
    assert await lane.run(catches()) == "caught"


async def test_cancelling_one_piece_leaves_the_others_running() -> None:
    lane = Lane(budget=0.0)
    started: list[int] = []
    all_started = asyncio.Event()
    cleaned, done = [], []

    async def piece(n: int) -> None:
        started.append(n)
        if len(started) == 3:
            all_started.set()
        try:
            for _ in range(5):
                await asyncio.sleep(0)
            done.append(n)
        except asyncio.CancelledError:
            cleaned.append(n)
            raise

    tasks = [asyncio.create_task(lane.run(piece(n))) for n in range(3)]
    await all_started.wait()
    tasks[1].cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(results[1], asyncio.CancelledError)
    assert cleaned == [1]
    assert sorted(done) == [0, 2]


async def test_work_alone_runs_without_waiting_for_traffic_to_stop() -> None:
    """A thousand steps with nothing else on the loop finish at once, budget or not."""
    lane = Lane(budget=0.0)

    async def piece() -> None:
        for _ in range(1000):
            await asyncio.sleep(0)

    await asyncio.wait_for(lane.run(piece()), 2.0)


async def test_work_past_its_deadline_no_longer_waits_for_a_turn() -> None:
    """However busy the loop, work that is late runs its steps at once (the reply deadline)."""
    lane = Lane(budget=0.0)
    lane.spent = 1.0  # the budget is spent for this turn
    order: list[str] = []

    async def piece(name: str) -> None:
        order.append(name)

    late = asyncio.create_task(lane.run(piece("late"), late_at=0.0))
    waiting = asyncio.create_task(lane.run(piece("in the lane")))
    await asyncio.sleep(0)  # both tasks take their first step in this turn
    assert order == ["late"]
    await asyncio.gather(late, waiting)
    assert order == ["late", "in the lane"]


def test_closing_the_lane_closes_the_work_inside_it() -> None:
    """A coroutine closed while suspended (a loop torn down) closes the work it drives: its
    cleanup runs, and nothing is left "never awaited" or ignoring GeneratorExit."""
    cleaned: list[str] = []

    @types.coroutine
    def suspend() -> Generator[str, None, None]:
        yield "suspended"

    async def piece() -> None:
        try:
            await suspend()
        finally:
            cleaned.append("piece")

    lane = Lane(budget=0.0)

    async def outer() -> None:
        await lane.run(piece())

    coro = outer()
    assert coro.send(None) == "suspended"
    lane.spent = 1.0  # the turn's budget is used: a resumed step would wait for a turn
    coro.close()
    assert cleaned == ["piece"]
