"""The acks-first gate: work queued on the ack path starts once the burst is acked, piece by
piece, and never waits longer than its limit."""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack import ackfirst
from adapters.slack.ackfirst import AckFirst


async def test_work_waits_while_a_request_is_in_flight() -> None:
    gate, started = AckFirst(), []

    async def work() -> None:
        started.append("work")

    with gate.request():
        gate.later(work())
        await asyncio.sleep(ackfirst.QUIET_SECONDS * 3)
        assert started == []  # the burst is still being acked
    await gate.idle()
    assert started == ["work"]


async def test_a_request_arriving_between_pieces_holds_the_rest() -> None:
    gate, started = AckFirst(), []
    arrived, done = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        started.append(1)
        with gate.request():  # a new request comes in as soon as the first piece runs
            arrived.set()
            await done.wait()

    async def later(n: int) -> None:
        started.append(n)

    gate.later(first())
    gate.later(later(2))
    gate.later(later(3))
    await arrived.wait()
    await asyncio.sleep(ackfirst.QUIET_SECONDS * 3)
    assert started == [1]  # the queue did not run behind the new request
    done.set()
    await gate.idle()
    assert started == [1, 2, 3]


async def test_work_never_waits_longer_than_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ackfirst, "MAX_WAIT_SECONDS", 0.05)
    gate, started = AckFirst(), asyncio.Event()

    async def work() -> None:
        started.set()

    with gate.request():  # busy for ever, as far as the gate knows
        gate.later(work())
        await asyncio.wait_for(started.wait(), 1.0)


async def test_idle_waits_for_queued_and_running_work() -> None:
    gate, finished = AckFirst(), []

    async def work(n: int) -> None:
        await asyncio.sleep(0)
        finished.append(n)

    for n in range(5):
        gate.later(work(n))
    await gate.idle()
    assert finished == [0, 1, 2, 3, 4]


async def test_at_most_workers_pieces_run_at_once_in_the_order_queued() -> None:
    gate, started, running, peak = AckFirst(workers=3), [], [0], [0]
    release = asyncio.Event()

    async def work(n: int) -> None:
        started.append(n)
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        await release.wait()
        running[0] -= 1

    for n in range(12):
        gate.later(work(n))
    await asyncio.sleep(0.05)
    assert started == [0, 1, 2]  # the rest wait their turn, not all at once
    release.set()
    await gate.idle()
    assert started == list(range(12))
    assert peak[0] == 3


async def test_work_keeps_running_under_a_stream_that_never_pauses() -> None:
    """Requests always in flight (a stream with no quiet moment): each piece still starts
    within the hold limit, while the stream goes on, never saved up for when it stops."""
    gate, started_at = AckFirst(), []
    stop = asyncio.Event()

    async def stream() -> None:
        while not stop.is_set():
            with gate.request():
                await asyncio.sleep(0.002)

    async def work() -> None:
        started_at.append(asyncio.get_running_loop().time())

    streams = [asyncio.create_task(stream()) for _ in range(3)]
    queued_at = []
    for _ in range(10):
        queued_at.append(asyncio.get_running_loop().time())
        gate.later(work())
        await asyncio.sleep(0.02)
    await asyncio.sleep(ackfirst.MAX_WAIT_SECONDS * 1.5)
    assert len(started_at) == 10, "work waited for the stream to stop"
    assert gate.inflight > 0  # the stream was still going
    stop.set()
    await asyncio.gather(*streams)
    await gate.idle()
    waits = [s - q for q, s in zip(queued_at, started_at, strict=True)]
    assert max(waits) < ackfirst.MAX_WAIT_SECONDS + 0.15


async def test_a_slow_piece_gives_up_its_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ackfirst, "SLOW_SECONDS", 0.05)
    gate, started = AckFirst(workers=1), asyncio.Event()
    release = asyncio.Event()

    async def slow() -> None:
        await release.wait()  # a Web API call that keeps retrying

    async def quick() -> None:
        started.set()

    gate.later(slow())
    gate.later(quick())
    await asyncio.wait_for(started.wait(), 1.0)  # not held up behind the slow one
    release.set()
    await gate.idle()


async def test_a_failing_piece_does_not_stop_the_next(caplog: pytest.LogCaptureFixture) -> None:
    gate, done = AckFirst(workers=1), []

    async def broken() -> None:
        raise RuntimeError("boom")

    async def fine() -> None:
        done.append(1)

    gate.later(broken())
    gate.later(fine())
    await gate.idle()
    assert done == [1]
    assert "background work failed" in caplog.text


async def test_checks_run_together_and_a_failed_check_drops_its_work() -> None:
    """The checks (one store write each) are not held behind the slots, so their writes can
    share one flush; work whose check says no never runs."""
    gate, checking, ran = AckFirst(workers=1), [], []
    all_in = asyncio.Event()

    async def check(n: int) -> bool:
        checking.append(n)
        if len(checking) == 5:
            all_in.set()
        await all_in.wait()
        return n % 2 == 0

    async def work(n: int) -> None:
        ran.append(n)

    for n in range(5):
        gate.later(work(n), check(n))
    await asyncio.wait_for(all_in.wait(), 1.0)  # five checks at once, with one slot
    await gate.idle()
    assert sorted(ran) == [0, 2, 4]
