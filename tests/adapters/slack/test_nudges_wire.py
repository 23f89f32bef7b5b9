"""Nudges at the Slack wire: a huddle end becomes one reflection post (and a repeated delivery
posts nothing more); scheduled nudges go out through the real adapter's proactive send, paced
at one post a second per channel on the FakeClock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.nudges.pacing import Pacer
from bot.nudges.scheduler import Scheduler

from .conftest import SlackClient, fixture

CHANNEL = "C2147483705"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))  # a Monday, 09:00 in London


def words(post: dict[str, Any]) -> str:
    """Every piece of text in a posted message (its fallback text and its blocks)."""
    return post.get("text", "") + "\n" + str(post.get("blocks", ""))


def pause_buttons(post: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for block in post.get("blocks", [])
        if block.get("type") == "actions"
        for element in block["elements"]
        if str(element.get("action_id", "")).partition("#")[0] == "nudges.pause"
    ]


def is_nudge(post: dict[str, Any]) -> bool:
    return bool(pause_buttons(post))


async def test_a_huddle_end_posts_one_reflection_and_a_retry_posts_nothing(
    slack: SlackClient,
) -> None:
    body = fixture("huddle_ended")
    assert (await slack.event(body))[0] == 200
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 1
    post = posts[0]
    assert post["channel"] == CHANNEL
    assert "Principle " in words(post)  # names its principle
    assert "Weekly planning" in words(post)  # says why: the huddle that ended
    [button] = pause_buttons(post)
    assert button["text"]["text"] == "Pause nudges for 2 weeks"
    assert str(post["unfurl_links"]).lower() == "false"
    assert str(post["unfurl_media"]).lower() == "false"

    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert (await slack.event(body, **retry))[0] == 200
    await slack.settle()
    assert len(slack.fake.of("chat.postMessage")) == 1


async def test_a_second_delivery_under_a_new_event_id_posts_nothing(slack: SlackClient) -> None:
    await slack.event(fixture("huddle_ended"))
    again = fixture("huddle_ended")
    again["event_id"] = "Ev0HUDDLE2"  # Slack re-sent the same huddle end as a new event
    await slack.event(again)
    await slack.settle()
    assert len(slack.fake.of("chat.postMessage")) == 1


async def test_scheduled_nudges_go_out_through_the_slack_adapter_paced(
    slack: SlackClient, clock: FakeClock
) -> None:
    # The meeting ends 09:25, so its reflection (09:30) and the principle of the week (09:30)
    # fall due in the same tick in the same channel.
    status, _ = await slack.command("meeting add Stand-up daily 09:00-09:25")
    assert status == 200
    await slack.settle()
    slack.fake.calls.clear()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds=seconds)

    pacer = Pacer(monotonic=lambda: clock.now().timestamp(), sleep=sleep)
    scheduler = Scheduler(slack.runtime.core, pacer=pacer)
    await scheduler.start()
    clock.set(datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    report = await scheduler.tick()
    assert report.sent == 2
    posts = [p for p in slack.fake.of("chat.postMessage") if is_nudge(p)]
    assert [p["channel"] for p in posts] == [CHANNEL, CHANNEL]
    reflection, weekly = posts
    assert words(reflection).startswith("Time to reflect. Principle ")  # names its principle
    assert words(weekly).startswith("Principle of the week. 1: ")
    assert slept == [pytest.approx(1.0)]  # the second post waited a second (fake time)
    assert all(str(p["unfurl_links"]).lower() == "false" for p in posts)

    # A tick later nothing is posted twice; the next day's reflection comes on time.
    clock.advance(minutes=1)
    assert (await scheduler.tick()).sent == 0
    clock.set(datetime(2026, 1, 6, 9, 30, tzinfo=UTC) + timedelta(seconds=1))
    assert (await scheduler.tick()).sent == 1
    assert len([p for p in slack.fake.of("chat.postMessage") if is_nudge(p)]) == 3
