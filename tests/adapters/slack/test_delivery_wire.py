"""Exactly once across a crash, at the Slack wire: a nudge claim left stale after a restart is
settled by reading the channel's history (`conversations.history`) for our post of that nudge."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.nudges.pacing import Pacer
from bot.nudges.scheduler import Scheduler
from bot.nudges.service import nudges_for
from bot.scheduling.slots import SENDING, SENT, SKIPPED, parse_iso

from .conftest import SlackClient
from .test_nudges_wire import CHANNEL, is_nudge

TABLE = "nudge_slots"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))  # a Tuesday, 09:00 in London


def scheduler(slack: SlackClient, clock: FakeClock) -> Scheduler:
    async def sleep(seconds: float) -> None:
        clock.advance(seconds=seconds)

    pacer = Pacer(monotonic=lambda: clock.now().timestamp(), sleep=sleep)
    return Scheduler(slack.runtime.core, pacer=pacer)


def nudge_posts(slack: SlackClient) -> list[dict[str, Any]]:
    return [p for p in slack.fake.of("chat.postMessage") if is_nudge(p)]


async def posted_then_crashed(slack: SlackClient, clock: FakeClock) -> dict[str, Any]:
    """Post today's reflection through the real adapter, then put its slot back as a process
    that died after posting would leave it: `sending`, under a claim nobody holds."""
    slack.fake.now = lambda: clock.now().timestamp()
    assert (await slack.command("meeting add Stand-up daily 09:00-09:25"))[0] == 200
    await slack.settle()
    first = scheduler(slack, clock)
    await first.start()
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))
    assert (await first.tick()).sent == 1
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENT)
    store = slack.runtime.core.store
    dead = {"state": SENDING, "claim": "dead-process", "claimed_at": slot["first_claimed_at"]}
    assert await store.update(TABLE, slot["_key"], dead, expect={"state": SENT})
    clock.advance(minutes=5)  # the restart comes well after the claim timeout
    return slot


async def test_a_stale_claim_after_the_post_is_confirmed_not_posted_again(
    slack: SlackClient, clock: FakeClock
) -> None:
    slot = await posted_then_crashed(slack, clock)
    [post] = nudge_posts(slack)
    # The nudge post carries its id in Slack message metadata (and in the pause button).
    assert post["metadata"] == {
        "event_type": "coprod_nudge",
        "event_payload": {"nudge": slot["nudge"]},
    }

    report = await scheduler(slack, clock).tick()
    assert report.recovered == 1 and report.sent == 1 and not report.skipped
    assert len(nudge_posts(slack)) == 1  # not posted again
    [query] = slack.fake.of("conversations.history")
    assert query["channel"] == CHANNEL
    claimed = parse_iso(slot["first_claimed_at"])
    assert float(query["oldest"]) == pytest.approx((claimed - timedelta(minutes=5)).timestamp())
    doc = await slack.runtime.core.store.get(TABLE, slot["_key"])
    assert doc is not None and doc["state"] == SENT and doc["confirmed"] is True


async def test_a_post_by_another_app_with_the_same_id_is_not_a_confirmation(
    slack: SlackClient, clock: FakeClock
) -> None:
    slot = await posted_then_crashed(slack, clock)
    [ours] = [m for m in slack.fake.history[CHANNEL] if is_nudge(m)]
    ours["bot_id"] = "BOTHER"  # someone else's bot copied the card
    ours.pop("metadata")

    report = await scheduler(slack, clock).tick()
    assert report.recovered == 1 and report.sent == 1
    assert len(nudge_posts(slack)) == 2  # ours was missing, so it went out
    assert nudge_posts(slack)[-1]["metadata"]["event_payload"]["nudge"] == slot["nudge"]


async def test_a_stale_claim_without_a_post_is_posted_once(
    slack: SlackClient, clock: FakeClock
) -> None:
    slot = await posted_then_crashed(slack, clock)
    slack.fake.history[CHANNEL].clear()  # the process died before its post reached Slack
    slack.fake.calls.clear()
    # Other people talk meanwhile: three pages' worth would be "cannot tell", one is fine.
    for n in range(150):
        slack.fake.history[CHANNEL].append(
            {"type": "message", "ts": f"{clock.now().timestamp():.0f}.{n:06d}", "user": "U1"}
        )

    report = await scheduler(slack, clock).tick()
    assert report.recovered == 1 and report.sent == 1
    [post] = nudge_posts(slack)
    assert post["metadata"]["event_payload"]["nudge"] == slot["nudge"]
    assert (await scheduler(slack, clock).tick()).sent == 0  # and only once
    assert len(nudge_posts(slack)) == 1
    doc = await slack.runtime.core.store.get(TABLE, slot["_key"])
    assert doc is not None and doc["state"] == SENT


async def test_when_slack_cannot_be_asked_the_nudge_is_skipped_and_logged(
    slack: SlackClient, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    slot = await posted_then_crashed(slack, clock)
    slack.fake.fail("conversations.history", error="missing_scope")
    caplog.set_level(logging.INFO)

    report = await scheduler(slack, clock).tick()
    assert report.skipped == {"unconfirmed after crash": 1}
    assert len(nudge_posts(slack)) == 1  # at most once: never a second post
    assert f"confirm nudge {slot['nudge']}: missing_scope" in caplog.text
    assert "unconfirmed after crash" in caplog.text
    doc = await slack.runtime.core.store.get(TABLE, slot["_key"])
    assert doc is not None and doc["state"] == SKIPPED


async def test_a_post_slack_refuses_is_checked_and_retried_not_marked_sent(
    slack: SlackClient, clock: FakeClock
) -> None:
    slack.fake.now = lambda: clock.now().timestamp()
    assert (await slack.command("meeting add Stand-up daily 09:00-09:25"))[0] == 200
    await slack.settle()
    first = scheduler(slack, clock)
    await first.start()
    slack.fake.fail("chat.postMessage", error="internal_error")  # the adapter logs it, None
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC))
    report = await first.tick()
    assert report.sent == 0 and len(nudge_posts(slack)) == 1  # the one Slack refused
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENDING)
    clock.advance(minutes=2)  # past the claim timeout: history shows no post, so it goes again
    report = await first.tick()
    assert report.sent == 1
    assert len(nudge_posts(slack)) == 2
    assert slack.fake.of("conversations.history")  # checked before posting again
    doc = await slack.runtime.core.store.get(TABLE, slot["_key"])
    assert doc is not None and doc["state"] == SENT
