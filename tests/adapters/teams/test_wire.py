"""Teams at the wire: real-shaped activities in, exact connector posts out."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from adapters.teams.render import CARD_TYPE
from bot.context import Context
from bot.model import (
    Button,
    Buttons,
    Card,
    ChatKind,
    ConversationRef,
    MeetingEnded,
    Platform,
    Reply,
    Text,
    Threading,
)

from .conftest import BOT_ID, Teams

CHANNEL = "19:general0@thread.tacv2"
THREAD = f"{CHANNEL};messageid=1741083330123"
ALEX = "29:1alex-teams-id"


def card_of(body: dict) -> dict:
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == CARD_TYPE
    return attachment["content"]


def element_text(element: dict) -> str:
    """A body element's words: a TextBlock's text, or a RichTextBlock's runs."""
    if element.get("type") == "RichTextBlock":
        return "".join(str(run.get("text", "")) for run in element.get("inlines", []))
    return str(element.get("text", ""))


def card_text(card: dict) -> str:
    return "\n".join(element_text(e) for e in card["body"])


def said(body: dict) -> str:
    """The words of a posted text reply: its markdown `text`, or, for a text with code (sent
    as a card with no heading, `render.text_card`), the card's words."""
    return str(body["text"]) if "text" in body else card_text(card_of(body))


@pytest.fixture
def demo_action(teams: Teams) -> Iterator[list[Context]]:
    """A card action `demo.*` registered for the test: a card, then a public text."""
    seen: list[Context] = []

    async def demo(ctx: Context) -> list[Reply]:
        seen.append(ctx)
        if ctx.event.action_id == "demo.replace":
            card = Card(title="Updated", fallback_text="Updated", blocks=(Text("new"),))
            return [ctx.reply(card=card, replace_card=True)]
        if ctx.event.action_id == "demo.silent":
            return []
        if ctx.event.action_id == "demo.thread":
            return [ctx.reply("in the thread", thread=True)]
        card = Card(
            title="Principle " + ctx.event.value.get("principle", "?"),
            fallback_text="A card",
            blocks=(Buttons((Button("Again", "demo.show", {"principle": "5"}),)),),
        )
        return [ctx.reply(card=card), ctx.reply("Thanks for clicking.")]

    teams.runtime.core.registry.actions["demo"] = demo
    yield seen


@pytest.fixture
def meeting_listener(teams: Teams) -> Iterator[list[MeetingEnded]]:
    seen: list[MeetingEnded] = []

    async def listener(ctx: Context) -> list[Reply]:
        assert isinstance(ctx.event, MeetingEnded)
        seen.append(ctx.event)
        return [ctx.reply("Time to reflect.")]

    teams.runtime.core.registry.listeners.setdefault(MeetingEnded, []).append(listener)
    yield seen


async def test_principles_in_a_channel_is_an_adaptive_card_with_all_eight(teams: Teams) -> None:
    status, _ = await teams.send("channel_mention")
    assert status == 201
    (call,) = teams.connector.calls
    assert (call.method, call.conversation, call.reply_to) == ("POST", THREAD, "1741083330123")
    body = call.body
    assert set(body) == {
        "type",
        "from",
        "recipient",  # issue 16 §5: the person answered, and the locale
        "locale",
        "conversation",
        "summary",
        "attachments",
        "replyToId",
    }
    assert body["type"] == "message"
    assert body["replyToId"] == "1741083330123"
    assert body["from"] == {"id": BOT_ID}
    assert body["summary"].startswith("The eight principles of co-production")
    card = card_of(body)
    assert card["version"] == "1.5" and card["type"] == "AdaptiveCard"
    assert card["fallbackText"] == body["summary"]
    for n in range(1, 9):
        assert f"**{n}. " in card_text(card)
    assert "entities" not in body


async def test_personal_chat_takes_plain_text_and_refreshes_the_personal_reference(
    teams: Teams,
) -> None:
    status, _ = await teams.send("personal_message")
    assert status == 201
    (call,) = teams.connector.calls
    assert call.conversation == "a:1personal-alex"
    assert card_of(call.body)["body"][0]["text"].startswith("Principle 5:")
    stored = await teams.runtime.store.get("teams_personal", f"teams:tenant-one:{ALEX}")
    assert stored is not None and stored["channel"] == "a:1personal-alex"
    ref = await teams.runtime.core.conversation("teams:tenant-one:a:1personal-alex")
    assert ref is not None and ref.kind == ChatKind.DIRECT


async def test_channel_reference_is_stored_for_proactive_posts(teams: Teams) -> None:
    await teams.send("channel_mention")
    ref = await teams.runtime.core.conversation(f"teams:tenant-one:{CHANNEL}")
    assert ref == ConversationRef(
        platform=Platform.TEAMS,
        workspace="tenant-one",
        channel=CHANNEL,
        kind=ChatKind.CHANNEL,
        team="19:team0@thread.tacv2",
        endpoint=teams.connector.url,
        bot_id=BOT_ID,
        channel_name="Partners",
    )


async def test_private_reply_goes_to_a_new_personal_chat_never_the_channel(teams: Teams) -> None:
    status, _ = await teams.send("channel_mention", text="<at>coprod</at> help")
    assert status == 201
    create, post = teams.connector.calls
    assert create.path == "/v3/conversations"
    assert create.body["members"] == [{"id": ALEX}]
    assert create.body["isGroup"] is False
    assert create.body["channelData"] == {"tenant": {"id": "tenant-one"}}
    assert create.body["bot"] == {"id": BOT_ID}
    assert post.conversation == f"a:personal-{ALEX}"
    assert post.reply_to is None
    assert card_of(post.body)["body"][0]["text"] == "coprod: what I can do"
    assert not [c for c in teams.connector.calls if c.conversation.startswith("19:")]
    # The new personal chat is remembered, so the next private reply needs no create call.
    await teams.send("channel_mention", text="<at>coprod</at> help")
    assert [c.path for c in teams.connector.calls[2:]] == [
        f"/v3/conversations/a:personal-{ALEX}/activities"
    ]


async def test_private_reply_uses_the_stored_personal_chat(teams: Teams) -> None:
    await teams.send("personal_message")
    await teams.send("channel_mention", text="<at>coprod</at> privacy")
    last = teams.connector.calls[-1]
    assert last.conversation == "a:1personal-alex"
    assert card_of(last.body)["body"][0]["text"] == "What coprod stores"
    assert not any(c.path == "/v3/conversations" for c in teams.connector.calls)


async def test_private_reply_impossible_posts_a_notice_without_the_content(teams: Teams) -> None:
    teams.connector.not_installed.add(ALEX)
    await teams.send("channel_mention", text="<at>coprod</at> help")
    notice = teams.connector.delivered()[-1]
    assert notice.conversation == THREAD
    assert "attachments" not in notice.body
    expected = teams.runtime.core.pack.say("teams.private_unavailable", name="Alex Smith")
    assert notice.body["text"] == expected
    assert len(teams.connector.delivered()) == 1


async def test_channel_message_without_mention_reaches_the_core_silently(teams: Teams) -> None:
    status, _ = await teams.send("channel_plain", text="Thanks everyone, see you on Thursday.")
    assert status == 201
    assert teams.connector.calls == []
    assert await teams.runtime.core.conversation(f"teams:tenant-one:{CHANNEL}") is not None


async def test_install_posts_one_welcome_even_if_delivered_twice(teams: Teams) -> None:
    for _ in range(2):
        status, _ = await teams.send("installed_in_team")
        assert status == 201
    (welcome,) = teams.connector.calls
    assert welcome.conversation == "19:team0@thread.tacv2"
    card = card_of(welcome.body)
    shown = json.dumps(card, ensure_ascii=False)
    assert card["body"][0]["text"] == teams.runtime.core.pack.say("welcome.title")
    # in a channel, commands are shown as they are typed there: after an @mention
    assert "@coprod help" in shown and "@coprod principles" in shown
    assert "/coprod" not in shown
    ref = await teams.runtime.core.conversation("teams:tenant-one:19:team0@thread.tacv2")
    assert ref is not None and ref.team == "19:team0@thread.tacv2"


async def test_meeting_end_reaches_the_core_as_a_meeting_ended_event(
    teams: Teams, meeting_listener: list[MeetingEnded]
) -> None:
    status, _ = await teams.send("meeting_end")
    assert status == 201
    (event,) = meeting_listener
    assert event.meeting_id == "MCMxOTptZWV0aW5nX056TTBPR00zWlRBdE1qUXdAdGhyZWFkLnYyIzA="
    assert event.title == "Partners' monthly catch-up"
    assert event.ref.kind == ChatKind.GROUP
    texts = [c.body.get("text") for c in teams.connector.calls]
    assert "Time to reflect." in texts


async def test_meeting_end_posts_a_reflection_in_the_meeting_chat(teams: Teams) -> None:
    status, _ = await teams.send("meeting_end")
    assert status == 201
    (post,) = teams.connector.calls
    assert post.conversation == "19:meeting_NzM0OGM3ZTAtMjQw@thread.v2"
    card = card_of(post.body)
    text = card_text(card)
    assert "Principle" in text
    assert "Partners' monthly catch-up" in text or "meeting" in text.lower()
    verbs = [a.get("verb") for e in card["body"] for a in e.get("actions", [])] + [
        a.get("verb") for a in card.get("actions", [])
    ]
    assert "nudges.pause" in verbs
    # The same meetingEnd delivered again posts nothing more.
    await teams.send("meeting_end")
    assert len(teams.connector.calls) == 1


async def test_action_execute_returns_200_with_the_card(
    teams: Teams, demo_action: list[Context]
) -> None:
    status, body = await teams.send("execute_action")
    assert status == 200
    assert body["statusCode"] == 200
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert body["value"]["body"][0]["text"] == "Principle 5"
    action = body["value"]["body"][1]["actions"][0]
    assert action == {
        "type": "Action.Execute",
        "title": "Again",
        "verb": "demo.show",
        "data": {"principle": "5"},
    }
    (ctx,) = demo_action
    assert ctx.event.action_id == "demo.show"
    assert ctx.event.value == {"principle": "5", "count": "2"}
    (post,) = teams.connector.calls  # the other reply goes out normally
    assert post.body["text"] == "Thanks for clicking."
    assert post.conversation == THREAD


async def test_action_execute_with_no_card_answers_with_a_message(teams: Teams) -> None:
    status, body = await teams.send(
        "execute_action",
        value={"action": {"type": "Action.Execute", "verb": "gone.button", "data": {}}},
    )
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.activity.message"
    # The private "no longer active" note is the message Teams shows the clicker, not a post.
    assert body["value"].startswith("That button is no longer active.")
    assert teams.connector.calls == []


async def test_action_execute_with_nothing_to_say_answers_done(
    teams: Teams, demo_action: list[Context]
) -> None:
    status, body = await teams.send(
        "execute_action",
        value={"action": {"type": "Action.Execute", "verb": "demo.silent", "data": {}}},
    )
    assert status == 200
    assert body["value"] == teams.runtime.core.pack.say("teams.action_done")
    assert len(demo_action) == 1 and teams.connector.calls == []


async def test_action_submit_is_routed_to_the_core(
    teams: Teams, demo_action: list[Context]
) -> None:
    status, _ = await teams.send("submit_action")
    assert status == 201
    (ctx,) = demo_action
    assert (ctx.event.action_id, ctx.event.value) == ("demo.show", {"principle": "5"})
    assert ctx.event.message_id == "1741083331000"
    card, text = teams.connector.calls
    assert card_of(card.body)["body"][0]["text"] == "Principle 5"
    assert text.body["text"] == "Thanks for clicking."


async def test_action_submit_replace_card_updates_the_message(
    teams: Teams, demo_action: list[Context]
) -> None:
    await teams.send("submit_action", value={"action": "demo.replace"})
    (update,) = teams.connector.calls
    assert (update.method, update.reply_to) == ("PUT", "1741083331000")
    assert card_of(update.body)["body"][0]["text"] == "Updated"


async def test_thread_reply_goes_to_the_thread_of_the_message(
    teams: Teams, demo_action: list[Context]
) -> None:
    await teams.send("submit_action", value={"action": "demo.thread"})
    (post,) = teams.connector.calls
    assert post.conversation == THREAD
    assert post.reply_to == "1741083331000"


async def test_proactive_posts_to_channel_thread_and_personal_chat(teams: Teams) -> None:
    await teams.send("channel_mention")
    await teams.send("personal_message")
    teams.connector.calls.clear()
    core = teams.runtime.core
    channel = await core.conversation(f"teams:tenant-one:{CHANNEL}")
    personal = await core.conversation("teams:tenant-one:a:1personal-alex")
    assert channel is not None and personal is not None
    assert await core.send(channel, Reply(text="Principle of the week")) == "m3"
    thread_reply = Reply(text="In the thread", threading=Threading.THREAD)
    assert await core.send(channel.in_thread("1741083330123"), thread_reply)
    assert await core.send(personal, Reply(text="Just for you"))
    top, thread, direct = teams.connector.calls
    assert (top.conversation, top.reply_to, top.body["text"]) == (
        CHANNEL,
        None,
        "Principle of the week",
    )
    assert (thread.conversation, thread.reply_to) == (THREAD, "1741083330123")
    assert direct.conversation == "a:1personal-alex"


async def test_a_429_is_retried_and_the_message_delivered_once(teams: Teams) -> None:
    teams.connector.fail_next.append((429, {"Retry-After": "0"}))
    status, _ = await teams.send("channel_mention")
    assert status == 201
    assert [c.status for c in teams.connector.calls] == [429, 200]
    assert len(teams.connector.delivered()) == 1


async def test_a_post_that_keeps_failing_is_logged(
    teams: Teams, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(4):
        teams.connector.fail_next.append((429, {"Retry-After": "0"}))
    with caplog.at_level(logging.WARNING):
        status, _ = await teams.send("channel_mention")
    assert status == 201
    assert len(teams.connector.calls) == 4 and teams.connector.delivered() == []
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(THREAD in m and "HTTP 429" in m for m in errors), errors


async def test_a_403_is_not_retried(teams: Teams) -> None:
    teams.connector.fail_next.append((403, {}))
    await teams.send("channel_mention")
    assert len(teams.connector.calls) == 1


async def test_other_tenants_are_refused_when_a_tenant_is_configured(
    settings, clock, connector
) -> None:
    from .conftest import running

    one_tenant = settings.model_copy(update={"MICROSOFT_APP_TENANT_ID": "tenant-one"})
    async for teams in running(one_tenant, clock, connector):
        body = teams.activity("channel_mention")
        body["channelData"]["tenant"]["id"] = "tenant-two"
        body["conversation"]["tenantId"] = "tenant-two"
        status, _ = await teams.post(body)
        assert status == 403
        assert connector.calls == []
        assert await teams.runtime.store.count("conversations") == 0
        status, _ = await teams.send("channel_mention")
        assert status == 201


async def test_help_shows_commands_as_typed_in_a_channel_and_in_the_personal_chat(
    teams: Teams,
) -> None:
    await teams.send("personal_message", text="help")
    personal = json.dumps(card_of(teams.connector.calls[-1].body), ensure_ascii=False)
    assert "/coprod" not in personal and "@coprod principles" not in personal
    assert "principle 5" in personal
    await teams.send("channel_mention", text="<at>coprod</at> principles")
    channel = json.dumps(card_of(teams.connector.calls[-1].body), ensure_ascii=False)
    assert "/coprod" not in channel
    assert "@coprod principle 5" in channel
