"""Actions on Teams at the wire: commands with a person @mentioned, private refusals in the
personal chat, "Your actions" in the personal chat when asked, `forget me` on an owner, and on a
fake clock the owner's reminders and the monthly post."""

from __future__ import annotations

from typing import Any

import pytest

from bot.actions import records
from bot.clock import FakeClock
from tests.actions.conftest import MONDAY

from .conftest import Teams, as_person
from .test_wire import CHANNEL, THREAD, card_of, card_text

SAM, SAM_NAME = "29:1sam-teams-id", "Sam Jones"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


def mention_sam(activity: dict[str, Any]) -> dict[str, Any]:
    activity["entities"] = [
        *activity["entities"],
        {
            "mentioned": {"id": SAM, "name": SAM_NAME},
            "text": f"<at>{SAM_NAME}</at>",
            "type": "mention",
        },
    ]
    return activity


async def say(teams: Teams, text: str, *, user: str = "", name: str = "") -> None:
    activity = teams.activity("channel_mention", text=f"<at>coprod</at> {text}")
    if f"<at>{SAM_NAME}</at>" in text:
        activity = mention_sam(activity)
    if user:
        activity = as_person(activity, user, name)
    status, _ = await teams.post(activity)
    assert status == 201


def posted_text(call: Any) -> str:
    body = call.body
    if body.get("attachments"):
        return card_text(card_of(body))
    return str(body.get("text", ""))


async def test_commands_with_a_mentioned_owner(teams: Teams) -> None:
    await say(teams, f"action add Send the notes for <at>{SAM_NAME}</at> by Friday p5")
    [action] = await records.in_scope(teams.runtime.core.store)
    assert (action.scope, action.owner, action.owner_name, action.due, action.principle) == (
        "teams:tenant-one",
        SAM,
        SAM_NAME,
        "2026-12-11",
        5,
    )
    [post] = [c for c in teams.connector.delivered() if c.conversation == THREAD]
    text = posted_text(post)
    assert "Send the notes" in text and "Fri 11 Dec" in text
    await say(teams, "action due 1 next Tuesday")
    await say(teams, "action done 1 Sent on Tuesday")
    await say(teams, "you said we did")
    texts = [posted_text(c) for c in teams.connector.delivered() if c.conversation == THREAD]
    assert any("Tue 15 Dec" in t for t in texts)
    assert any("Action 1 is done" in t for t in texts)
    assert any("You said, we did" in t and "Sent on Tuesday" in t for t in texts)


async def test_refusals_and_lists_are_private(teams: Teams) -> None:
    await say(teams, "action add Book a room by yesterday")
    await say(teams, "actions")
    assert await records.in_scope(teams.runtime.core.store) == []
    channel_posts = [c for c in teams.connector.delivered() if c.conversation.startswith(CHANNEL)]
    assert channel_posts == []  # both replies went to Alex's personal chat
    personal = [posted_text(c) for c in teams.connector.delivered()]
    assert any("already gone" in t for t in personal)
    assert any("no open actions" in t for t in personal)


async def test_your_actions_in_the_personal_chat(teams: Teams) -> None:
    await say(teams, f"action add Send the notes for <at>{SAM_NAME}</at>")
    activity = as_person(teams.activity("personal_message", text="actions"), SAM, SAM_NAME)
    activity["conversation"]["id"] = "a:1personal-sam"
    status, _ = await teams.post(activity)
    assert status == 201
    [answer] = [c for c in teams.connector.delivered() if c.conversation == "a:1personal-sam"]
    text = posted_text(answer)
    assert "Your actions" in text and "Send the notes" in text and "#Partners" in text


async def test_forget_me_on_an_owner(teams: Teams) -> None:
    await say(teams, f"action add Send the notes for <at>{SAM_NAME}</at>")
    await say(teams, "forget me confirm", user=SAM, name=SAM_NAME)
    [action] = await records.in_scope(teams.runtime.core.store)
    assert action.owner is None and action.needs_owner
    told = [
        posted_text(c) for c in teams.connector.delivered() if c.conversation.startswith(CHANNEL)
    ]
    assert any("need a new owner" in t and "Send the notes" in t for t in told)
    assert not any(SAM_NAME in t for t in told[1:])


async def test_tenants_stay_apart(teams: Teams) -> None:
    await say(teams, "action add Send the notes")
    other = teams.activity("channel_mention", text="<at>coprod</at> action done 1")
    other["conversation"] = {**other["conversation"], "tenantId": "tenant-two"}
    other["channelData"] = {**other["channelData"], "tenant": {"id": "tenant-two"}}
    status, _ = await teams.post(other)
    assert status == 201
    [action] = await records.in_scope(teams.runtime.core.store)
    assert action.is_open and action.scope == "teams:tenant-one"


async def execute(teams: Teams, verb: str, data: dict[str, str], user: str = "") -> dict[str, Any]:
    activity = teams.activity("execute_action")
    if user:
        activity = as_person(activity, user, SAM_NAME)
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data},
        "trigger": "manual",
    }
    status, body = await teams.post(activity)
    assert status == 200 and body["statusCode"] == 200
    return body


async def test_make_this_an_action_replaces_the_card_with_the_form(teams: Teams) -> None:
    body = await execute(teams, "actions.make", {"text": "Share the notes", "p": "5"})
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    form = body["value"]
    inputs = {e["id"]: e for e in form["body"] if e["type"].startswith("Input.")}
    assert list(inputs) == ["text", "owner", "due"]
    assert inputs["text"]["value"] == "Share the notes"
    [submit] = [a for e in form["body"] if e["type"] == "ActionSet" for a in e["actions"]]
    assert submit["verb"] == "actions.save"
    posted = len(teams.connector.delivered())
    answer = await execute(
        teams,
        "actions.save",
        {
            **submit["data"],
            "text": "Share the notes",
            "owner": f"<@{SAM}|{SAM_NAME}>",
            "due": "Fri",
        },
    )
    assert "Saved as action 1" in str(answer["value"])  # the form is replaced by the note
    [action] = await records.in_scope(teams.runtime.core.store)
    assert (action.owner, action.due, action.principle) == (SAM, "2026-12-11", 5)
    new = teams.connector.delivered()[posted:]
    assert any("Action 1 agreed" in posted_text(c) for c in new)


async def test_done_and_not_yet_buttons(teams: Teams) -> None:
    await say(teams, f"action add Send the notes for <at>{SAM_NAME}</at>")
    value = {"c": f"teams:tenant-one:{CHANNEL}", "n": "1"}
    body = await execute(teams, "actions.notyet", value, user=SAM)
    assert "stays open" in str(body["value"])
    await execute(teams, "actions.done", value, user=SAM)
    [action] = await records.in_scope(teams.runtime.core.store)
    assert action.status == "done"
    assert any("Action 1 is done" in posted_text(c) for c in teams.connector.delivered())


async def test_a_meeting_end_opens_with_the_open_actions(teams: Teams) -> None:
    from bot.model import ChatKind, Command, ConversationRef, Platform, User

    meeting = ConversationRef(
        Platform.TEAMS,
        "tenant-one",
        "19:meeting_NzM0OGM3ZTAtMjQw@thread.v2",
        kind=ChatKind.GROUP,
        endpoint=teams.connector.url,
    )
    await teams.runtime.core.handle(
        Command(meeting, User(SAM, SAM_NAME), text="action add Send the notes")
    )
    status, _ = await teams.send("meeting_end")
    assert status == 201
    [post] = [c for c in teams.connector.delivered() if c.conversation == meeting.channel]
    card = card_of(post.body)
    assert "Last time you agreed" in card_text(card) and "Send the notes" in card_text(card)
    verbs = [a.get("verb") for e in card["body"] for a in e.get("actions", [])]
    assert verbs[:2] == ["actions.done", "actions.notyet"]
    assert "actions.make" in verbs and "nudges.pause" in verbs


async def run_scheduler(teams: Teams, clock: FakeClock, *, hours: float, step: float = 30) -> None:
    """Tick the real scheduler on the fake clock, as the running bot would."""
    from bot.nudges.scheduler import Scheduler

    scheduler = Scheduler(teams.runtime.core)
    await scheduler.start()
    for _ in range(int(hours * 60 / step)):
        clock.advance(minutes=step)
        await scheduler.tick()


async def test_the_owners_reminder_reaches_their_personal_chat(
    teams: Teams, clock: FakeClock
) -> None:
    await say(teams, "nudges off")  # only the action's own posts below
    await say(teams, f"action add Book the room for <at>{SAM_NAME}</at> by Wednesday")
    teams.connector.calls.clear()
    await run_scheduler(teams, clock, hours=2 * 24)  # Monday to Wednesday morning
    creates = [c for c in teams.connector.calls if c.path == "/v3/conversations"]
    assert [c.body["members"][0]["id"] for c in creates] == [SAM]
    assert creates[0].body["tenantId"] == "tenant-one"
    [reminder] = [c for c in teams.connector.delivered() if "Book the room" in posted_text(c)]
    assert reminder.conversation == f"a:personal-{SAM}"  # the personal chat, never the channel
    assert "is due Wed 9 Dec" in posted_text(reminder)
    assert not [c for c in teams.connector.delivered() if c.conversation == CHANNEL]


async def test_the_monthly_post_reaches_the_channel(teams: Teams, clock: FakeClock) -> None:
    await say(teams, "nudges off")
    await say(teams, "action add Send the notes in easy read")
    await say(teams, "action add Hire a hall")
    await say(teams, "action done 1 Sent to every partner")
    await say(teams, "action drop 2 We meet online now")
    teams.connector.calls.clear()
    await run_scheduler(teams, clock, hours=30 * 24, step=240)  # into January
    posts = [c for c in teams.connector.delivered() if "In December 2026" in posted_text(c)]
    assert len(posts) == 1
    [post] = posts
    assert post.conversation == CHANNEL  # the channel itself, for partners to see
    text = posted_text(post)
    assert "Send the notes in easy read: Sent to every partner" in text
    assert "Hire a hall. Why: We meet online now" in text
