"""A private reply whose `response_url` post has an unknown outcome is not sent again through
`chat.postEphemeral` (issue 13): Slack may already show it, and the person would get the same
private reply twice. It is logged instead. A response URL that surely did not take it (an
expired URL: 404; a connection refused twice) still falls back to `chat.postEphemeral`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from tests.faults import DROP, ERROR

from .conftest import SlackClient


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))


@pytest.mark.parametrize("kind", [DROP, ERROR])
async def test_a_private_reply_with_an_unknown_outcome_is_logged_not_sent_twice(
    slack: SlackClient, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fake.faults.inject("hooks", kind)  # Slack shows it, then the answer is lost or a 502
    with caplog.at_level(logging.WARNING):
        status, _ = await slack.command("privacy")
        await slack.settle()
    assert status == 200
    assert slack.fake.delivered == [("hooks", "1")]  # the person sees it once
    assert slack.fake.of("chat.postEphemeral") == []
    logged = [r.getMessage() for r in caplog.records]
    assert any("unknown outcome" in m and "C2147483705" in m for m in logged), logged


async def test_a_private_reply_surely_not_taken_falls_back_to_post_ephemeral(
    slack: SlackClient,
) -> None:
    slack.fake.fail("hooks", status=404)  # an expired response URL: nothing was shown
    await slack.command("privacy")
    await slack.settle()
    assert [m for m, _ in slack.fake.delivered] == ["chat.postEphemeral"]
