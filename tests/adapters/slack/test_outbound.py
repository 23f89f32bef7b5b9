"""Outbound at the wire: 429 retries, failures logged, proactive posts and private refusals."""

from __future__ import annotations

import logging
import time

import pytest

from adapters.slack import SlackAdapter
from bot.adapter import Adapter
from bot.model import (
    Card,
    ConversationRef,
    Platform,
    Reply,
    Text,
    Threading,
    User,
    Visibility,
)

from .conftest import SlackClient

REF = ConversationRef(Platform.SLACK, "T0001", "C2147483705", channel_name="project-team")


async def test_a_429_waits_for_retry_after_and_delivers_once(slack: SlackClient) -> None:
    slack.fake.fail("chat.postMessage", status=429, retry_after=1)
    started = time.perf_counter()
    await slack.command("principles")
    await slack.settle()
    elapsed = time.perf_counter() - started
    attempts = slack.fake.of("chat.postMessage")
    assert len(attempts) == 2  # the 429, then the one that went through
    assert attempts[0] == attempts[1]
    assert elapsed >= 1.0


async def test_a_post_that_still_fails_is_logged_with_channel_and_reason(
    slack: SlackClient, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fake.fail("chat.postMessage", error="channel_is_archived")
    with caplog.at_level(logging.ERROR):
        ts = await slack.adapter.send(REF, Reply(text="Reminder"))
    assert ts is None
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("C2147483705" in m and "channel_is_archived" in m for m in logged), logged


async def test_proactive_public_post_returns_its_ts(slack: SlackClient) -> None:
    card = Card("Principle of the week", "Principle 5", (Text("**Be open**"),))
    ts = await slack.runtime.core.send(
        REF.in_thread("1.5"), Reply(card=card, threading=Threading.THREAD)
    )
    assert ts and ts.startswith("1700000000.")
    post = slack.fake.of("chat.postMessage")[0]
    assert post["thread_ts"] == "1.5"
    assert post["text"] == "Principle 5"
    assert post["blocks"][1]["text"]["text"] == "*Be open*"


async def test_proactive_private_post_goes_to_its_recipient_only(slack: SlackClient) -> None:
    # Proactive: nobody is looking at the channel for it, so it goes to the direct chat (an
    # ephemeral message would be gone on reload).
    reply = Reply(text="Just for you", visibility=Visibility.PRIVATE, recipient=User("U42"))
    await slack.adapter.send(REF, reply)
    assert [o["users"] for o in slack.fake.of("conversations.open")] == ["U42"]
    [post] = slack.fake.of("chat.postMessage")
    assert post["channel"] == "D42" and post["text"] == "Just for you"
    assert slack.fake.of("chat.postEphemeral") == []


async def test_a_proactive_private_post_without_a_direct_chat_is_ephemeral(
    slack: SlackClient,
) -> None:
    slack.fake.fail("conversations.open", error="missing_scope")
    reply = Reply(text="Just for you", visibility=Visibility.PRIVATE, recipient=User("U42"))
    await slack.adapter.send(REF, reply)
    ephemeral = slack.fake.of("chat.postEphemeral")
    assert len(ephemeral) == 1 and ephemeral[0]["user"] == "U42"
    assert slack.fake.of("chat.postMessage") == []


async def test_private_post_without_recipient_is_refused_never_public(
    slack: SlackClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        result = await slack.adapter.send(REF, Reply(text="Secret", visibility=Visibility.PRIVATE))
    assert result is None
    assert slack.fake.calls == []
    assert any("no recipient" in r.getMessage() for r in caplog.records)


async def test_reply_to_another_conversation(slack: SlackClient) -> None:
    other = ConversationRef(Platform.SLACK, "T0001", "C0OTHER")
    await slack.adapter.send(REF, Reply(text="Over there", to=other))
    assert slack.fake.of("chat.postMessage")[0]["channel"] == "C0OTHER"


async def test_the_adapter_keeps_the_contract(slack: SlackClient) -> None:
    adapter = slack.adapter
    assert isinstance(adapter, SlackAdapter) and isinstance(adapter, Adapter)
    caps = adapter.capabilities
    assert caps.ephemeral and caps.threads and caps.modals and caps.update_cards
    assert caps.direct_messages
