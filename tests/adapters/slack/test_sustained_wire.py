"""A continuous stream of slash commands at the wire: replies go out while commands keep coming,
a few at a time beside the acks, and none is lost."""

from __future__ import annotations

import asyncio
import time

from adapters.slack import ackfirst
from tests.faults import LAG, Fault

from .conftest import FakeSlack, SlackClient

CHANNELS = 5
SENDERS = 4


def replies_in_flight(fake: FakeSlack) -> int:
    """chat.postMessage calls that reached the fake Slack and are not answered yet."""
    arrived = sum(1 for c in fake.calls if c.method == "chat.postMessage")
    answered = sum(1 for method, _ in fake.delivered if method == "chat.postMessage")
    return arrived - answered


def replies(fake: FakeSlack) -> int:
    return sum(1 for method, _ in fake.delivered if method == "chat.postMessage")


async def test_replies_are_delivered_while_commands_keep_arriving(
    slack: SlackClient, fake_slack: FakeSlack
) -> None:
    # Every reply takes Slack 30 ms to post, so pieces of work overlap and can be counted.
    fake_slack.faults.randomly("chat.postMessage", 1.0, [Fault(LAG, seconds=0.03)])
    sent: dict[str, int] = {}
    peak = 0
    replies_during_stream: list[int] = []
    stop = asyncio.Event()
    deadline = time.monotonic() + 20

    async def sender(k: int) -> None:
        n = 0
        while not stop.is_set():
            channel = f"C{(k * 7 + n) % CHANNELS:04d}"
            status, _ = await slack.command("principles", channel_id=channel)
            assert status == 200
            sent[channel] = sent.get(channel, 0) + 1
            n += 1

    async def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, replies_in_flight(fake_slack))
            total = sum(sent.values())
            # The stream lasts until 20 replies are out and 60 commands were acked (with no
            # pause: the senders never stop in between), or 20 s at most.
            if (replies(fake_slack) >= 20 and total >= 60) or time.monotonic() > deadline:
                replies_during_stream.append(replies(fake_slack))
                stop.set()
            await asyncio.sleep(0.005)

    await asyncio.gather(watch(), *(sender(k) for k in range(SENDERS)))
    assert replies_during_stream[0] >= 20, "replies waited for the commands to stop"
    await slack.settle()
    # None lost: every acked command's reply reached its channel, once.
    delivered: dict[str, int] = {}
    for method, channel in fake_slack.delivered:
        if method == "chat.postMessage":
            delivered[channel] = delivered.get(channel, 0) + 1
    assert delivered == sent
    # Bounded: never more replies on their way than pieces of work allowed at once.
    assert 1 <= peak <= ackfirst.WORKERS
