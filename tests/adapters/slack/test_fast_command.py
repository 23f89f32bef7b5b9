"""Slash commands acked without Bolt's dispatch once Bolt has authorized the app, at the wire:
the same ack, the same reply, replays still refused, and everything else still through Bolt."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import pytest

from .conftest import SlackClient, fixture, sign

FORM = "application/x-www-form-urlencoded"
BOLT_RAN = "Running listener: on_command"


def bolt_runs(caplog: pytest.LogCaptureFixture) -> int:
    return sum(BOLT_RAN in r.getMessage() for r in caplog.records)


async def test_the_first_command_goes_through_bolt_and_the_rest_are_taken_directly(
    slack: SlackClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="adapters.slack.bolt"):
        first = await slack.command("principles")
        await slack.settle()
        assert bolt_runs(caplog) == 1  # Bolt authorized the app and learnt the bot's id
        assert slack.adapter.handlers.bot_user_id
        later = [await slack.command("principles") for _ in range(3)]
        await slack.settle()
    assert bolt_runs(caplog) == 1  # none of the later ones went through Bolt's dispatch
    assert first == (200, "")
    assert all(answer == first for answer in later)  # the same ack: an empty 200
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 4
    assert all(post == posts[0] for post in posts)  # the same reply, whichever way in


async def test_the_fast_ack_has_bolts_status_type_and_body(slack: SlackClient) -> None:
    await slack.command("principles")  # through Bolt
    form = urlencode({**fixture("slash_command"), "text": "principles", "seq": "x"})
    answers = []
    for seq in ("a", "b"):
        body = form.replace("seq=x", f"seq={seq}")
        async with slack.session.post(
            slack.url, data=body.encode(), headers={"Content-Type": FORM, **sign(body)}
        ) as resp:
            answers.append((resp.status, resp.content_type, await resp.read()))
    assert answers[0] == answers[1] == (200, "text/plain", b"")


async def test_an_ssl_check_still_goes_to_bolt_once_commands_are_fast(
    slack: SlackClient, caplog: pytest.LogCaptureFixture
) -> None:
    await slack.command("principles")
    await slack.settle()
    body = urlencode({"ssl_check": "1", "token": "legacy", "command": "/coprod", "seq": "1"})
    with caplog.at_level(logging.DEBUG, logger="adapters.slack.bolt"):
        status, text = await slack.post(body, FORM)
    await slack.settle()
    assert (status, text) == (200, "")
    bolt = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Applying") and "AsyncSslCheck" in m for m in bolt), bolt
    assert not any(BOLT_RAN in m for m in bolt)  # Bolt answered the ping itself
    assert len(slack.fake.of("chat.postMessage")) == 1  # the ping ran nothing


async def test_a_command_replayed_on_the_fast_path_runs_once(slack: SlackClient) -> None:
    await slack.command("principles")
    await slack.settle()
    form = urlencode({**fixture("slash_command"), "text": "principles", "seq": "replayed"})
    signed = sign(form)
    statuses = [(await slack.post(form, FORM, signed=signed))[0] for _ in range(3)]
    await slack.settle()
    assert statuses == [200, 200, 200]
    assert len(slack.fake.of("chat.postMessage")) == 2  # the first command, and this once


async def test_a_badly_signed_command_is_refused_before_the_fast_path(slack: SlackClient) -> None:
    await slack.command("principles")
    await slack.settle()
    form = urlencode({**fixture("slash_command"), "text": "principles", "seq": "forged"})
    status, _ = await slack.post(form, FORM, signed=sign(form, secret="not-the-secret"))
    await slack.settle()
    assert status == 401
    assert len(slack.fake.of("chat.postMessage")) == 1


async def test_a_signed_event_body_with_a_command_field_still_goes_to_bolt(
    slack: SlackClient,
) -> None:
    """Only a form body (no `type`) is a slash command: a URL check that happens to carry a
    `command` field is still answered by Bolt, with its challenge."""
    await slack.command("principles")
    await slack.settle()
    body = {"type": "url_verification", "challenge": "ch4llenge", "token": "t", "command": "/x"}
    status, text = await slack.event(body)
    await slack.settle()
    assert status == 200
    assert "ch4llenge" in text
