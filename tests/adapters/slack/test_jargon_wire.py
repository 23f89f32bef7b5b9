"""Plain-words tips at the wire: a channel message with jargon → one ephemeral tip to its
author; `explain` mode → a thread reply; the cooldown and "Don't show me this again" hold."""

from __future__ import annotations

import json

from adapters.slack.render import MAX_FALLBACK
from bot.model import ConversationRef, Platform

from .conftest import SlackClient, button_of

CHANNEL = "C2147483705"
ADA, BEN = "U2147483697", "U0BEN00001"
JARGON = "Could we leverage the library for the drop-in sessions?"
REF = ConversationRef(Platform.SLACK, "T0001", CHANNEL)


def said(slack: SlackClient) -> list[str]:
    """Every call that says something to someone (posts, ephemerals, views, response URLs)."""
    return [c.method for c in slack.fake.calls if c.method.startswith(("chat.", "views."))] + [
        c.path for c in slack.fake.calls if c.path.startswith("/hooks/")
    ]


def tip_text(slack: SlackClient, words: str) -> str:
    return slack.runtime.core.pack.say("jargon.warning.fallback", words=words)[:MAX_FALLBACK]


async def test_jargon_in_a_channel_gets_one_private_tip_to_its_author(slack: SlackClient) -> None:
    status, _ = await slack.message(JARGON, user=ADA)
    assert status == 200
    await slack.settle()
    assert slack.fake.of("chat.postMessage") == []
    tips = slack.fake.of("chat.postEphemeral")
    assert len(tips) == 1
    tip = tips[0]
    assert set(tip) == {"channel", "user", "text", "blocks"}  # no thread: a tip to the side
    assert tip["channel"] == CHANNEL and tip["user"] == ADA
    assert tip["text"] == tip_text(slack, "leverage")
    say = slack.runtime.core.pack.say
    assert tip["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": say("jargon.warning.title"), "emoji": True},
    }
    assert any("*leverage*" in b.get("text", {}).get("text", "") for b in tip["blocks"])
    optout = button_of(tip["blocks"], "jargon.optout#")
    assert optout["text"]["text"] == say("jargon.button.optout")
    assert json.loads(optout["value"]) == {"mode": "private"}
    why = button_of(tip["blocks"], "jargon.why#")
    assert json.loads(why["value"]) == {"mode": "private", "terms": "leverage"}


async def test_explain_mode_replies_in_the_thread_of_the_message(slack: SlackClient) -> None:
    await slack.runtime.core.channel_settings.set(REF, "jargon.mode", "explain")
    await slack.message(JARGON, user=ADA, ts="1355517600.000777")
    await slack.settle()
    assert slack.fake.of("chat.postEphemeral") == []
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 1
    post = posts[0]
    assert post["channel"] == CHANNEL and post["thread_ts"] == "1355517600.000777"
    say = slack.runtime.core.pack.say
    assert post["text"] == say("jargon.explain.fallback", words="leverage")
    assert post["blocks"][0]["text"]["text"] == say("jargon.explain.title")
    assert json.loads(button_of(post["blocks"], "jargon.optout#")["value"]) == {"mode": "explain"}


async def test_off_mode_says_nothing(slack: SlackClient) -> None:
    await slack.runtime.core.channel_settings.set(REF, "jargon.mode", "off")
    await slack.message(JARGON, user=ADA)
    await slack.settle()
    assert said(slack) == []


async def test_the_same_word_from_the_same_person_is_mentioned_once_a_day(
    slack: SlackClient, clock
) -> None:
    await slack.message(JARGON, user=ADA)
    await slack.message("We should leverage that again", user=ADA)
    await slack.message("Ben wants to leverage it too", user=BEN)
    await slack.settle()  # the three are handled at once, in no set order
    tips = slack.fake.of("chat.postEphemeral")
    assert sorted(t["user"] for t in tips) == sorted([ADA, BEN])
    clock.advance(hours=23)
    await slack.message("Leveraging it once more", user=ADA)
    await slack.settle()
    assert len(slack.fake.of("chat.postEphemeral")) == 2
    clock.advance(hours=2)  # a day and an hour after the first tip
    await slack.message("Leveraging it once more", user=ADA)
    await slack.settle()
    tips = slack.fake.of("chat.postEphemeral")
    assert len(tips) == 3 and tips[-1]["user"] == ADA


async def test_dont_show_me_this_again_stops_tips_for_that_person(slack: SlackClient) -> None:
    await slack.message(JARGON, user=ADA)
    await slack.settle()
    tip = slack.fake.of("chat.postEphemeral")[0]
    optout = button_of(tip["blocks"], "jargon.optout#")
    # A click on an ephemeral message: Slack sends no `message`, only the container.
    status, _ = await slack.click(
        optout["action_id"],
        json.loads(optout["value"]),
        user=ADA,
        message=None,
        container={
            "type": "message",
            "message_ts": "1700000000.000001",
            "channel_id": CHANNEL,
            "is_ephemeral": True,
        },
        response_url=slack.fake.response_url("optout"),
    )
    assert status == 200
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1 and hooks[0]["replace_original"] is True  # the tip becomes "Done"
    assert hooks[0]["text"].startswith("Done. I will not send you plain-words tips again.")
    assert slack.fake.of("chat.postMessage") == []  # never a public word about it

    await slack.message("Something else we could leverage, and a KPI", user=ADA)
    await slack.message("I also want to leverage it", user=BEN)
    await slack.settle()
    tips = slack.fake.of("chat.postEphemeral")
    assert [t["user"] for t in tips] == [ADA, BEN]


NOT_A_PERSON = [
    {"bot_id": "B0OTHER", "subtype": "bot_message"},
    {"bot_id": "B0OTHER"},
    {"bot_profile": {"id": "B0OTHER", "name": "Other bot"}},
    {"user": "UBOT"},  # coprod itself
    {"subtype": "message_changed"},
    {"subtype": "channel_topic"},
    {"subtype": "channel_join"},
]


async def test_bots_and_non_human_posts_get_no_tip(slack: SlackClient) -> None:
    await slack.command("privacy")  # Bolt learns the bot's own user id (auth.test)
    await slack.settle()
    before = said(slack)
    for change in NOT_A_PERSON:
        await slack.message(JARGON, **change)
        await slack.settle()
        assert said(slack) == before, change
    assert await slack.runtime.store.count("jargon_cooldowns") == 0
    await slack.message(JARGON)  # the same message from a person does get a tip
    await slack.settle()
    assert len(slack.fake.of("chat.postEphemeral")) == 1
