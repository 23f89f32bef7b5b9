"""Slash commands at the wire: signed requests in, acks within 3 s, Block Kit out."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from adapters.slack.render import card_blocks
from bot.model import Command, ConversationRef, Platform, User

from .conftest import SlackClient, fixture, sign


async def test_principles_acks_fast_and_posts_block_kit(slack: SlackClient) -> None:
    started = time.perf_counter()
    status, body = await slack.command("principles")
    elapsed = time.perf_counter() - started
    assert status == 200 and body == ""
    assert elapsed < 3.0
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 1
    post = posts[0]
    assert post["channel"] == "C2147483705"
    assert post["unfurl_links"] in ("0", False, "false") and post["unfurl_media"] in (
        "0",
        False,
        "false",
    )
    assert post["text"].startswith("The eight principles of co-production")
    # The exact Block Kit of the card the core makes for this command.
    ref = ConversationRef(Platform.SLACK, "T0001", "C2147483705", channel_name="project-team")
    replies = await slack.runtime.core.handle(Command(ref, User("U2147483697"), text="principles"))
    assert replies[0].card is not None
    assert post["blocks"] == card_blocks(replies[0].card)


async def test_private_reply_is_ephemeral_through_the_response_url(slack: SlackClient) -> None:
    status, _ = await slack.command("help")
    assert status == 200
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1
    assert hooks[0]["response_type"] == "ephemeral"
    assert hooks[0]["blocks"][0]["text"]["text"] == "coprod: what I can do"
    assert slack.fake.of("chat.postMessage") == []


async def test_private_reply_falls_back_to_post_ephemeral(slack: SlackClient) -> None:
    slack.fake.fail("hooks", status=404)
    await slack.command("privacy")
    await slack.settle()
    ephemeral = slack.fake.of("chat.postEphemeral")
    assert len(ephemeral) == 1 and ephemeral[0]["user"] == "U2147483697"
    assert ephemeral[0]["channel"] == "C2147483705"


async def test_public_reply_uses_the_response_url_when_the_bot_is_not_in_the_channel(
    slack: SlackClient,
) -> None:
    slack.fake.fail("chat.postMessage", error="not_in_channel")
    await slack.command("principles")
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1 and hooks[0]["response_type"] == "in_channel"


async def test_user_text_is_inert_on_the_wire(slack: SlackClient) -> None:
    await slack.command("principle <!channel> <https://x|y> <@U999> <!subteam^S1|team>")
    await slack.settle()
    sent = json.dumps(slack.fake.of("hooks"))
    assert "&lt;!channel&gt;" in sent
    for live in ("<!channel", "<https://x", "<@U999", "<!subteam"):
        assert live not in sent


async def test_a_command_saying_payload_is_still_a_command(slack: SlackClient) -> None:
    """Bolt's own form parser treats any body containing "payload" as an interaction."""
    await slack.command("principle payload")
    await slack.settle()
    assert slack.fake.of("hooks"), "the command was not handled"


async def test_unknown_command_suggests_and_shows_help(slack: SlackClient) -> None:
    await slack.command("principels")
    await slack.settle()
    texts = [h["text"] for h in slack.fake.of("hooks")]
    assert any("Did you mean" in t for t in texts)


async def test_admin_commands_read_platform_rights(slack: SlackClient) -> None:
    slack.fake.users["U2147483697"] = {"id": "U2147483697", "is_admin": True}
    await slack.command("admin")
    await slack.settle()
    await slack.command("admin help")
    await slack.settle()
    assert slack.fake.api_calls.count("users.info") == 1  # cached for a minute
    adapter = slack.adapter
    person = await adapter.handlers.users.with_rights("T0001", User("U2147483697"))
    assert person.platform_admin and not person.is_guest
    slack.fake.users["U7"] = {"id": "U7", "is_restricted": True}
    guest = await adapter.handlers.users.with_rights("T0001", User("U7"))
    assert guest.is_guest and not guest.platform_admin


async def test_command_in_a_direct_chat_is_stored_as_direct(slack: SlackClient) -> None:
    await slack.command("help", channel_id="D024BE91L", channel_name="directmessage")
    await slack.settle()
    ref = await slack.runtime.core.conversation("slack:T0001:D024BE91L")
    assert ref is not None and ref.is_direct


async def test_bad_signature_and_stale_timestamp_are_401_without_the_core(
    slack: SlackClient,
) -> None:
    form = urlencode({**fixture("slash_command"), "response_url": slack.fake.response_url()})
    ctype = "application/x-www-form-urlencoded"
    bad = sign(form, secret="not-the-secret")
    status, _ = await slack.post(form, ctype, signed=bad)
    assert status == 401
    stale = sign(form, timestamp=int(time.time()) - 6 * 60)
    status, _ = await slack.post(form, ctype, signed=stale)
    assert status == 401
    status, _ = await slack.post(form, ctype, signed={})
    assert status == 401
    await slack.settle()
    assert slack.fake.calls == []
    assert await slack.runtime.store.count("conversations") == 0  # core.handle never ran
