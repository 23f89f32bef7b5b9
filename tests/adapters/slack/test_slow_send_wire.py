"""A send that outlasts the claim timeout (issue 13, defect 3), at the Slack wire: a replica
whose `chat.postMessage` waits out a 429's `Retry-After` while its claim times out must not
post after another replica has recovered the nudge. Every send is bounded below the claim
timeout (`Scheduler.send_timeout`), and the claim is renewed just before posting, so at most
one replica's post can be in flight; the outcome of a send cut short is settled from history."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from bot.nudges.service import nudges_for
from bot.scheduling.slots import SENT
from tests.faults import RATE_LIMIT, SLOW

from .conftest import SlackClient
from .test_delivery_wire import nudge_posts, scheduler
from .test_nudges_wire import CHANNEL


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))  # a Tuesday, 09:00 in London


async def _until(condition: Callable[[], object], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)


@pytest.mark.parametrize("fault", [RATE_LIMIT, SLOW])
async def test_a_send_slower_than_the_claim_timeout_is_not_posted_twice_by_two_replicas(
    slack: SlackClient, clock: FakeClock, fault: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Replica A's post waits 1.5 s (a 429 with `Retry-After: 1`, or a slow answer) with a
    send bound of 0.3 s. Meanwhile the claim times out (the fake clock jumps 2 minutes) and
    replica B recovers the nudge. Before the fix A's retry posted a second copy after B."""
    slack.fake.now = lambda: clock.now().timestamp()
    assert (await slack.command("meeting add Stand-up daily 09:00-09:25"))[0] == 200
    await slack.settle()
    a, b = scheduler(slack, clock), scheduler(slack, clock)
    a.send_timeout = b.send_timeout = 0.3  # real seconds; the claim timeout is 60 fake ones
    await a.start()
    if fault == RATE_LIMIT:
        slack.fake.faults.inject("chat.postMessage", RATE_LIMIT, retry_after=1)
    else:  # taken at once, answered after 1.5 s: the bot cannot tell it worked in time
        slack.fake.faults.inject("chat.postMessage", SLOW, seconds=1.5)
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))
    first = asyncio.create_task(a.tick())
    await _until(lambda: slack.fake.of("chat.postMessage"))
    await asyncio.sleep(0.6)  # A's post is still waiting (past its send bound)
    clock.advance(minutes=2)  # A's claim has timed out: B recovers the nudge
    with caplog.at_level(logging.WARNING):
        await b.start()  # B indexes the open slots, A's claim among them (as a refresh does)
        await b.tick()
        await first
        for _ in range(3):
            clock.advance(minutes=2)
            await asyncio.sleep(1.2)  # anything still waiting would have posted by now
            await a.tick()
            await b.tick()
    assert len(nudge_posts(slack)) <= 2  # tried at most twice
    assert len([m for m in slack.fake.posted(CHANNEL) if m.get("metadata")]) == 1
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENT, kind="reflection")
    if fault == SLOW:  # Slack took the first post: the history shows it, nothing re-sent
        assert slot["confirmed"] is True and len(nudge_posts(slack)) == 1
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "took longer than" in logged, logged
