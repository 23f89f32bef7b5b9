"""Faults at the Slack wire (issue 13, defect 2): a post is never repeated once Slack may have
taken it (a connection cut after sending, a 5xx); only what is surely undone is retried (a
429 with `Retry-After`, a refused connection). A nudge whose post's outcome is unknown is
settled by the channel's history (message metadata), so it is posted once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from bot.model import Reply
from bot.nudges.pacing import Pacer
from bot.nudges.service import nudges_for
from bot.scheduling.slots import SENT
from tests.faults import DROP, ERROR, RATE_LIMIT

from .conftest import SlackClient
from .test_delivery_wire import nudge_posts, scheduler
from .test_nudges_wire import CHANNEL
from .test_outbound import REF


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))  # a Tuesday, 09:00 in London


@pytest.mark.parametrize("kind", [DROP, ERROR])
async def test_a_post_slack_took_is_not_sent_again_and_is_logged(
    slack: SlackClient, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fake.faults.inject("chat.postMessage", kind)
    with caplog.at_level(logging.ERROR):
        ts = await slack.adapter.send(REF, Reply(text="Reminder"))
    assert ts is None  # the outcome is unknown: not reported as delivered
    assert len(slack.fake.of("chat.postMessage")) == 1  # never repeated
    assert len(slack.fake.posted(REF.channel)) == 1  # people see it once
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(REF.channel in m for m in logged), logged


async def test_a_refused_connection_is_retried_and_delivers_once(slack: SlackClient) -> None:
    assert slack.fake.listener is not None
    await slack.fake.listener.refuse(0.2)
    ts = await slack.adapter.send(REF, Reply(text="Reminder"))
    assert ts  # retried once the fake listened again
    assert len(slack.fake.posted(REF.channel)) == 1


async def test_a_429_is_retried_after_its_retry_after(slack: SlackClient) -> None:
    slack.fake.faults.inject("chat.postMessage", RATE_LIMIT, retry_after=1)
    loop = asyncio.get_running_loop()
    began = loop.time()
    assert await slack.adapter.send(REF, Reply(text="Reminder"))
    assert loop.time() - began >= 1.0
    assert len(slack.fake.of("chat.postMessage")) == 2
    assert len(slack.fake.posted(REF.channel)) == 1


async def test_reads_are_retried_after_a_cut_connection(slack: SlackClient) -> None:
    slack.fake.faults.inject("auth.test", DROP)
    assert await slack.adapter.delivery.bot_id() == "BBOT"
    assert len(slack.fake.of("auth.test")) == 2


@pytest.mark.parametrize("kind", [DROP, ERROR])
async def test_a_nudge_whose_post_was_cut_off_is_settled_from_history_not_posted_twice(
    slack: SlackClient, clock: FakeClock, kind: str
) -> None:
    slack.fake.now = lambda: clock.now().timestamp()
    assert (await slack.command("meeting add Stand-up daily 09:00-09:25"))[0] == 200
    await slack.settle()
    run = scheduler(slack, clock)
    await run.start()
    slack.fake.faults.inject("chat.postMessage", kind)
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))
    assert (await run.tick()).sent == 0  # the outcome is unknown
    for _ in range(5):  # the claim times out; the history shows the post
        clock.advance(minutes=1)
        await run.tick()
    assert len(nudge_posts(slack)) == 1
    assert len([m for m in slack.fake.posted(CHANNEL) if m.get("metadata")]) == 1
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENT)
    assert slot["confirmed"] is True


async def test_a_crash_loop_before_the_post_does_not_drop_the_nudge(
    slack: SlackClient, clock: FakeClock
) -> None:
    """Defect 8: five restarts, each dying after the claim and before the post, are not five
    failed sends: the sixth process posts the nudge (once)."""
    slack.fake.now = lambda: clock.now().timestamp()
    assert (await slack.command("meeting add Stand-up daily 09:00-09:25"))[0] == 200
    await slack.settle()
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))
    for _ in range(5):
        dying = scheduler(slack, clock)
        dying.pacer = Hanging()
        tick = asyncio.create_task(dying.tick())
        for _ in range(500):  # until it has claimed the nudge and is about to post
            if dying.inflight or tick.done():
                break
            await asyncio.sleep(0.01)
        tick.cancel()  # kill -9
        with contextlib.suppress(asyncio.CancelledError):
            await tick
        clock.advance(minutes=2)  # past the claim timeout: the next process recovers it
    report = await scheduler(slack, clock).tick()
    assert report.sent == 1 and not report.skipped, report
    assert len(nudge_posts(slack)) == 1


class Hanging(Pacer):
    """A process that stops for good just before it posts."""

    async def wait(self, platform: str, channel: str) -> None:
        await asyncio.Event().wait()
