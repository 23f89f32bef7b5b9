"""Plain-words tips on Teams at the wire: a channel message heard without a mention (RSC)
gets a private tip in the author's personal chat, or in explain mode a reply in its thread;
the cooldown holds, and "Don't show me this again" works as Action.Execute and Action.Submit."""

from __future__ import annotations

import itertools
import json
import logging
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.model import ChatKind, ConversationRef, Platform

from .conftest import Teams, as_person, in_personal_chat
from .test_wire import CHANNEL, card_of, card_text, said

SAM = "29:1sam-teams-id"
ALEX = "29:1alex-teams-id"
JARGON = "Going forward we will leverage the new rota."
REF = ConversationRef(Platform.TEAMS, "tenant-one", CHANNEL, ChatKind.CHANNEL)
_ids = itertools.count(1741090000000)


async def say_in_channel(teams: Teams, text: str, *, user: str = SAM, name: str = "Sam") -> str:
    """A channel message that does not mention the bot; returns its message id."""
    message_id = str(next(_ids))
    activity = as_person(teams.activity("channel_plain", text=text, id=message_id), user, name)
    activity["conversation"]["id"] = f"{CHANNEL};messageid={message_id}"
    status, _ = await teams.post(activity)
    assert status == 201
    return message_id


def tips(teams: Teams) -> list[Any]:
    """Cards with a heading (a text with code is a card too, with no heading)."""
    return [
        c
        for c in teams.connector.delivered()
        if "attachments" in c.body and card_of(c.body)["body"][0].get("weight") == "Bolder"
    ]


def in_channel(teams: Teams) -> list[Any]:
    return [c for c in teams.connector.calls if c.conversation.startswith("19:")]


async def test_a_channel_message_with_jargon_gets_a_personal_chat_tip(teams: Teams) -> None:
    await say_in_channel(teams, JARGON)
    create, post = teams.connector.calls
    assert create.path == "/v3/conversations" and create.body["members"] == [{"id": SAM}]
    assert post.conversation == f"a:personal-{SAM}" and post.reply_to is None
    card = card_of(post.body)
    text = card_text(card)
    assert card["body"][0]["text"] == teams.runtime.core.pack.say("jargon.warning.title")
    assert "**Going forward**" in text and "**leverage**" in text and "Principle 5" in text
    verbs = [a["verb"] for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    assert verbs == ["jargon.why", "jargon.optout"]
    assert in_channel(teams) == []
    assert "entities" not in post.body


async def test_a_stored_personal_chat_is_used_and_nothing_goes_to_the_channel(
    teams: Teams,
) -> None:
    await teams.send("personal_message")  # Alex has a personal chat with the bot
    teams.connector.calls.clear()
    await say_in_channel(teams, JARGON, user=ALEX, name="Alex Smith")
    (post,) = teams.connector.calls
    assert post.conversation == "a:1personal-alex"
    assert card_of(post.body)["body"][0]["text"] == "A quick plain-words tip"


async def test_no_personal_chat_means_nothing_public_and_a_count_in_the_log(
    teams: Teams, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 16 §5: the tip is not turned into a public notice naming the person (it was
    one before); nothing is posted anywhere, and the log counts it."""
    teams.connector.not_installed.add(SAM)
    with caplog.at_level(logging.WARNING, logger="adapters.teams.send"):
        await say_in_channel(teams, JARGON)
        await say_in_channel(teams, "We will touch base going forward.")
    assert teams.connector.delivered() == []  # no notice in the channel or its thread
    for call in teams.connector.calls:
        assert "leverage" not in json.dumps(call.body) and "Sam" not in json.dumps(call.body)
    assert teams.adapter.outbound.unreachable["teams:tenant-one"] == 2
    held = [r for r in caplog.records if "was not posted" in r.getMessage()]
    assert len(held) == 2 and "2 so far" in held[-1].getMessage()


async def test_explain_mode_replies_in_the_thread_of_the_message(teams: Teams) -> None:
    await teams.runtime.core.channel_settings.set(REF, "jargon.mode", "explain")
    message_id = await say_in_channel(teams, JARGON)
    (post,) = teams.connector.calls
    assert post.conversation == f"{CHANNEL};messageid={message_id}"
    assert post.reply_to == message_id and post.body["replyToId"] == message_id
    card = card_of(post.body)
    assert card["body"][0]["text"] == teams.runtime.core.pack.say("jargon.explain.title")
    assert "**leverage**" in card_text(card)
    assert not any(c.path == "/v3/conversations" for c in teams.connector.calls)


async def test_off_mode_says_nothing(teams: Teams) -> None:
    await teams.runtime.core.channel_settings.set(REF, "jargon.mode", "off")
    await say_in_channel(teams, JARGON)
    assert teams.connector.calls == []


async def test_the_cooldown_holds_per_person_and_word(teams: Teams, clock: FakeClock) -> None:
    await say_in_channel(teams, "We should leverage the budget.")
    assert len(tips(teams)) == 1
    clock.advance(hours=23)
    await say_in_channel(teams, "Let us leverage the volunteers too.")
    assert len(tips(teams)) == 1  # same person, same word, within 24 hours
    await say_in_channel(teams, "Let us leverage it.", user=ALEX, name="Alex Smith")
    assert len(tips(teams)) == 2  # another person still gets one
    assert tips(teams)[-1].conversation == f"a:personal-{ALEX}"
    clock.advance(hours=2)
    await say_in_channel(teams, "We leverage everything.")
    assert len(tips(teams)) == 3  # a day later, the word is mentioned again
    assert in_channel(teams) == []


async def test_dont_show_again_by_action_execute_stops_tips(teams: Teams) -> None:
    await say_in_channel(teams, JARGON)
    personal = f"a:personal-{SAM}"
    tip = tips(teams)[0]
    invoke = in_personal_chat(as_person(teams.activity("execute_action"), SAM, "Sam"), personal)
    invoke["replyToId"] = "m1"
    card = card_of(tip.body)
    (optout,) = [
        a
        for e in card["body"]
        if e["type"] == "ActionSet"
        for a in e["actions"]
        if a["verb"] == "jargon.optout"
    ]
    invoke["value"] = {"action": {"type": "Action.Execute", **optout}, "trigger": "manual"}
    status, body = await teams.post(invoke)
    assert status == 200 and body["statusCode"] == 200
    # The tip is replaced, for Sam alone, by the confirmation; nothing else is posted.
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    assert card_text(body["value"]).startswith("Done. I will not send you plain-words tips")
    assert len(teams.connector.calls) == 2
    before = len(teams.connector.calls)
    await say_in_channel(teams, "Please touch base with the carers.")
    assert teams.connector.calls[before:] == []


async def test_dont_show_again_by_action_submit_stops_tips(teams: Teams) -> None:
    await teams.send("personal_message")
    await say_in_channel(teams, JARGON, user=ALEX, name="Alex Smith")
    submit = in_personal_chat(teams.activity("submit_action"), "a:1personal-alex")
    submit["value"] = {"action": "jargon.optout", "mode": "private"}
    status, _ = await teams.post(submit)
    assert status == 201
    assert teams.connector.calls[-1].conversation == "a:1personal-alex"
    before = len(teams.connector.calls)
    await say_in_channel(teams, "Please touch base with the carers.", user=ALEX, name="Alex")
    assert teams.connector.calls[before:] == []
    await say_in_channel(teams, "Please touch base with the carers.")  # Sam still gets tips
    assert len(teams.connector.calls) > before


def button(card: dict[str, Any], verb: str) -> dict[str, Any]:
    found = [
        a
        for e in card["body"]
        if e["type"] == "ActionSet"
        for a in e["actions"]
        if a["verb"] == verb
    ]
    assert found, f"no {verb} button on {card_text(card)[:200]}"
    return found[0]


async def press(teams: Teams, action: dict[str, Any], personal: str) -> dict[str, Any]:
    invoke = in_personal_chat(as_person(teams.activity("execute_action"), SAM, "Sam"), personal)
    invoke["value"] = {"action": {"type": "Action.Execute", **action}, "trigger": "manual"}
    status, body = await teams.post(invoke)
    assert status == 200 and body["statusCode"] == 200
    return body


async def test_whats_this_keeps_the_opt_out_and_jargon_tips_on_undoes_it(teams: Teams) -> None:
    """Issue 16 §3: "What's this?" takes the tip's place on Teams and keeps "Don't show me
    this again"; the confirmation says how to undo it, and `jargon tips on` does."""
    pack = teams.runtime.core.pack
    await say_in_channel(teams, JARGON)
    personal = f"a:personal-{SAM}"
    why = await press(teams, button(card_of(tips(teams)[0].body), "jargon.why"), personal)
    assert card_text(why["value"]).startswith(pack.say("jargon.why.title"))
    done = await press(teams, button(why["value"], "jargon.optout"), personal)
    assert "jargon tips on" in card_text(done["value"])
    before = len(tips(teams))
    await say_in_channel(teams, "Please touch base with the carers.")
    assert len(tips(teams)) == before  # opted out
    typed = in_personal_chat(
        as_person(teams.activity("personal_message", text="jargon tips on"), SAM, "Sam"), personal
    )
    status, _ = await teams.post(typed)
    assert status == 201
    assert said(teams.connector.delivered()[-1].body).startswith("Plain-words tips are back on")
    await say_in_channel(teams, "We need to circle back on the rota.")
    assert len(tips(teams)) == before + 1  # tips are back


async def test_a_mentioned_name_is_never_flagged_and_the_rest_still_is(teams: Teams) -> None:
    """A person or tag mentioned as `<at>ICB Team</at>` is resolved by the adapter from the
    mention entity: the name is not prose, so its "ICB" is not flagged (the core reads no
    `<at>` markup); the words around it still are."""
    message_id = str(next(_ids))
    activity = as_person(
        teams.activity(
            "channel_plain",
            text="<at>ICB Team</at> thanks for the update, we will leverage the new rota.",
            id=message_id,
        ),
        SAM,
        "Sam",
    )
    activity["conversation"]["id"] = f"{CHANNEL};messageid={message_id}"
    activity["entities"].append(
        {
            "type": "mention",
            "text": "<at>ICB Team</at>",
            "mentioned": {"id": "29:1icb-team-id", "name": "ICB Team"},
        }
    )
    status, _ = await teams.post(activity)
    assert status == 201
    (tip,) = tips(teams)
    text = card_text(card_of(tip.body))
    assert "**leverage**" in text
    assert "ICB" not in text and "<at>" not in text
