"""At DEBUG, slack_sdk's request and response logs keep the method and status, never a body
(issue 13, defect 13): a jargon tip's flagged words never reach the log."""

from __future__ import annotations

import logging

import pytest

from .conftest import SlackClient


async def test_debug_logs_hold_no_outgoing_or_incoming_bodies(
    slack: SlackClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        status, _ = await slack.command("jargon We agreed the KPI targets with the SMT")
        assert status == 200
        await slack.settle()
        status, _ = await slack.command("principles")
        await slack.settle()
    assert slack.fake.of("chat.postMessage")  # something was sent
    ours = ("slack_sdk", "adapters.slack.poster")  # the SDK's client and our hot path
    sdk = [r.getMessage() for r in caplog.records if r.name.startswith(ours)]
    assert any("chat.postMessage" in m for m in sdk), sdk[:5]
    logged = "\n".join(sdk)
    for secret in ("KPI", "SMT", "eight principles", "xoxb-test-token", "blocks"):
        assert secret not in logged, [m for m in sdk if secret in m][:2]
