"""Events API at the wire: messages, mentions, Home tab, joins, huddles and dedupe."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest

from bot.context import Context
from bot.model import ChannelMessage, Event, MeetingEnded, Mention

from .conftest import SlackClient, fixture


@pytest.fixture
def heard(slack: SlackClient) -> Iterator[list[Event]]:
    """A real core listener that records channel messages and meeting ends, and answers each
    channel message with a public thread reply."""
    seen: list[Event] = []

    async def listener(ctx: Context) -> list:
        seen.append(ctx.event)
        if isinstance(ctx.event, ChannelMessage):
            return [ctx.reply("Heard you", thread=True)]
        return []

    for kind in (ChannelMessage, MeetingEnded):
        slack.runtime.core.registry.listeners.setdefault(kind, []).append(listener)
    yield seen


async def test_channel_message_becomes_a_core_event(slack: SlackClient, heard: list) -> None:
    status, _ = await slack.event(fixture("message_channel"))
    assert status == 200
    await slack.settle()
    assert len(heard) == 1
    event = heard[0]
    assert isinstance(event, ChannelMessage)
    assert event.text.startswith("We need the KPI")
    assert event.message_id == "1355517523.000005"
    assert event.ref.workspace == "T0001" and event.ref.channel == "C2147483705"
    post = slack.fake.of("chat.postMessage")[0]
    assert post["thread_ts"] == "1355517523.000005"  # THREAD reply: under the message


async def test_a_channel_message_arrives_with_its_mentions(slack: SlackClient, heard: list) -> None:
    body = fixture("message_channel")
    body["event"]["text"] = "Thanks <@U0SAM00001> and <@U0ALEX0001|alex> for the KPI list"
    assert (await slack.event(body))[0] == 200
    await slack.settle()
    (event,) = heard
    assert isinstance(event, ChannelMessage)
    assert event.mentions == (
        Mention("U0SAM00001", "", "<@U0SAM00001>"),
        Mention("U0ALEX0001", "alex", "<@U0ALEX0001|alex>"),
    )


async def test_same_event_twice_is_handled_once(slack: SlackClient, heard: list) -> None:
    body = fixture("message_channel")
    assert (await slack.event(body))[0] == 200
    assert (
        await slack.event(
            body, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        )
    )[0] == 200
    await slack.settle()
    assert len(heard) == 1
    assert len(slack.fake.of("chat.postMessage")) == 1


async def test_a_first_delivery_with_a_retry_header_is_handled(
    slack: SlackClient, heard: list
) -> None:
    status, _ = await slack.event(fixture("message_channel"), **{"X-Slack-Retry-Num": "2"})
    assert status == 200
    await slack.settle()
    assert len(heard) == 1


async def test_the_same_event_id_in_another_workspace_is_not_a_repeat(
    slack: SlackClient, heard: list
) -> None:
    body = fixture("message_channel")
    other = copy.deepcopy(body)
    other["team_id"] = "T0002"
    await slack.event(body)
    await slack.event(other)
    await slack.settle()
    assert len(heard) == 2


async def test_dedupe_records_are_kept_an_hour_then_purged(slack: SlackClient, clock) -> None:
    dedupe = slack.adapter.handlers.dedupe
    assert await dedupe.first_time("T1", "Ev1")
    clock.advance(minutes=59)
    assert not await dedupe.first_time("T1", "Ev1")
    clock.advance(minutes=62)
    assert await dedupe.purge(clock.now().timestamp()) >= 1
    assert await dedupe.first_time("T1", "Ev1")


@pytest.mark.parametrize(
    "change",
    [
        {"subtype": "bot_message", "bot_id": "B0OTHER"},
        {"user": "UBOT"},  # our own bot user
        {"subtype": "channel_join"},
        {"subtype": "message_deleted"},
        {"bot_id": "B0OTHER"},
    ],
)
async def test_bots_and_non_posts_are_ignored(slack: SlackClient, heard: list, change) -> None:
    await slack.command("help")  # Bolt learns the bot's own user id (auth.test)
    body = fixture("message_channel")
    body["event"].update(change)
    await slack.event(body)
    await slack.settle()
    assert heard == []


async def test_thread_broadcast_and_file_share_are_human_posts(
    slack: SlackClient, heard: list
) -> None:
    for i, subtype in enumerate(("thread_broadcast", "file_share")):
        body = fixture("message_channel")
        body["event_id"] = f"Ev{i}"
        body["event"]["subtype"] = subtype
        await slack.event(body)
    await slack.settle()
    assert len(heard) == 2


async def test_direct_message_is_a_command(slack: SlackClient) -> None:
    await slack.event(fixture("message_im"))
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 1 and posts[0]["channel"] == "D024BE91L"
    assert "Principle 5" in posts[0]["text"]


async def test_mention_replies_with_help(slack: SlackClient) -> None:
    await slack.event(fixture("app_mention"))
    await slack.settle()
    ephemeral = slack.fake.of("chat.postEphemeral")
    assert len(ephemeral) >= 1
    assert ephemeral[-1]["user"] == "U2147483697"
    assert "coprod: what I can do" in ephemeral[-1]["text"]


async def test_home_tab_shows_your_actions_help_and_principles(slack: SlackClient) -> None:
    await slack.event(fixture("app_home_opened"))
    await slack.settle()
    published = slack.fake.of("views.publish")
    assert len(published) == 1
    assert published[0]["user_id"] == "U2147483697"
    view = published[0]["view"]
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers == [
        "Your actions",
        "coprod: what I can do",
        "The eight principles of co-production",
    ]


async def test_bot_joining_a_channel_stores_the_conversation(slack: SlackClient) -> None:
    await slack.command("help")  # learn the bot's id
    await slack.event(fixture("member_joined_channel"))
    await slack.settle()
    ref = await slack.runtime.core.conversation("slack:T0001:C0698JE0H")
    assert ref is not None and ref.workspace == "T0001"


async def test_any_channel_event_stores_the_conversation(slack: SlackClient) -> None:
    body = fixture("message_channel")
    body["event"] = {
        "type": "reaction_added",
        "user": "U2147483697",
        "reaction": "thumbsup",
        "item": {"type": "message", "channel": "C0REACT", "ts": "1.2"},
        "event_ts": "1.3",
    }
    status, _ = await slack.event(body)
    assert status == 200
    await slack.settle()
    assert await slack.runtime.core.conversation("slack:T0001:C0REACT") is not None


async def test_huddle_end_becomes_meeting_ended(slack: SlackClient, heard: list) -> None:
    await slack.event(fixture("huddle_ended"))
    await slack.settle()
    assert len(heard) == 1
    ended = heard[0]
    assert isinstance(ended, MeetingEnded)
    assert ended.meeting_id == "R0HUDDLE01" and ended.title == "Weekly planning"
    assert ended.ref.channel == "C2147483705"


async def test_a_huddle_still_running_is_not_an_end(slack: SlackClient, heard: list) -> None:
    body = fixture("huddle_ended")
    body["event"]["message"]["room"]["has_ended"] = False
    await slack.event(body)
    await slack.settle()
    assert heard == []


async def test_url_verification_answers_the_challenge(slack: SlackClient) -> None:
    status, text = await slack.event(
        {
            "token": "x",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text
