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
