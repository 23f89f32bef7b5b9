"""Actions at the Slack wire: every command through a signed slash command, the owner written
as a Slack mention, bad input answered privately, and `forget me` on an owner."""

from __future__ import annotations

from typing import Any

import pytest

from bot.actions import records
from bot.clock import FakeClock
from bot.nudges.scheduler import Scheduler
from tests.actions.conftest import MONDAY

from .conftest import SlackClient, fixture, submission_payload

CHANNEL = "C2147483705"
ME = "U2147483697"  # who sends the fixture's slash commands
SAM = "U0SAM00001"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


def said(post: dict[str, Any]) -> str:
    return post.get("text", "") + "\n" + str(post.get("blocks", ""))


async def run(slack: SlackClient, text: str, **fields: str) -> None:
    status, body = await slack.command(text, **fields)
    assert status == 200 and body == ""
    await slack.settle()


async def test_every_command_at_the_wire(slack: SlackClient) -> None:
    await run(slack, f"action add Send the notes in easy read for <@{SAM}|sam> by Friday")
    [post] = slack.fake.of("chat.postMessage")
    assert post["channel"] == CHANNEL
    assert "Action 1 agreed" in said(post) and "Fri 11 Dec" in said(post) and "@sam" in said(post)
    [action] = await records.in_scope(slack.runtime.core.store)
    assert (action.scope, action.owner, action.due) == ("slack:T0001", SAM, "2026-12-11")

    await run(slack, "action add Hire a hall p2")
    await run(slack, "actions")
    listed = slack.fake.of("hooks")[-1]
    assert listed["response_type"] == "ephemeral"
    assert "Send the notes in easy read" in said(listed) and "Hire a hall" in said(listed)

    await run(slack, "action edit 2 Hire a hall with a ramp")
    await run(slack, f"action owner 2 <@{SAM}>")
    await run(slack, "action due 2 next Tuesday")
    await run(slack, "action principle 2 p3")
    await run(slack, "action done 1 Sent to everyone")
    await run(slack, "action drop 2 The hall closed")
    posts = [said(p) for p in slack.fake.of("chat.postMessage")]
    assert any("now reads: Hire a hall with a ramp" in p for p in posts)
    assert any("Tue 15 Dec" in p for p in posts)
    assert any("Action 1 is done" in p and "Sent to everyone" in p for p in posts)
    assert any("Action 2 was dropped" in p and "The hall closed" in p for p in posts)

    await run(slack, "you said we did since 1 Dec")
    summary = said(slack.fake.of("chat.postMessage")[-1])
    assert (
        "You said, we did" in summary and "Send the notes in easy read: Sent to everyone" in summary
    )


async def test_bad_input_is_answered_privately_and_stores_nothing(slack: SlackClient) -> None:
    for text in (
        "action add " + "x" * 2000,
        "action add Book a room by yesterday",
        "action add Book a room for <!here>",
        "action add Book a room for @sam",  # typed, not a mention: Slack gave no id
        "action done 9",
    ):
        await run(slack, text)
    assert slack.fake.of("chat.postMessage") == []
    replies = [said(h) for h in slack.fake.of("hooks")]
    assert all(h["response_type"] == "ephemeral" for h in slack.fake.of("hooks"))
    assert "2,000 characters" in replies[0]
    assert "already gone" in replies[1]
    assert "a group, not a person" in replies[2]
    assert "choose them from the list" in replies[3]
    assert "no action 9" in replies[4]
    assert await records.in_scope(slack.runtime.core.store) == []


async def test_forget_me_on_an_owner_tells_the_channel(slack: SlackClient) -> None:
    await run(slack, f"action add Send the notes for <@{SAM}|sam>")
    await run(slack, "forget me confirm", user_id=SAM, user_name="sam")
    [action] = await records.in_scope(slack.runtime.core.store)
    assert action.owner is None and action.owner_name == "" and action.needs_owner
    told = said(slack.fake.of("chat.postMessage")[-1])
    assert "need a new owner" in told and "Send the notes" in told
    assert SAM not in told and "sam" not in told.replace("Send the notes", "")


async def test_workspaces_stay_apart(slack: SlackClient) -> None:
    await run(slack, "action add Send the notes")
    await run(slack, "actions", team_id="T0002")
    assert "no open actions" in said(slack.fake.of("hooks")[-1])
    await run(slack, "action done 1", team_id="T0002")
    assert "no action 1" in said(slack.fake.of("hooks")[-1])
    [action] = await records.in_scope(slack.runtime.core.store)
    assert action.is_open


async def test_the_app_home_lists_your_actions(slack: SlackClient) -> None:
    await run(slack, f"action add Send the notes for <@{ME}|steve> by Friday")
    await run(slack, f"action add Not mine for <@{SAM}|sam>")
    await slack.event(fixture("app_home_opened"))
    await slack.settle()
    [published] = slack.fake.of("views.publish")
    view = published["view"]
    assert view["blocks"][0]["text"]["text"] == "Your actions"
    shown = str(view["blocks"])
    assert "Send the notes" in shown and "project-team" in shown and "Not mine" not in shown
    assert not [b for b in view["blocks"] if b["type"] == "actions"]  # no buttons in the Home


async def test_make_this_an_action_opens_a_modal_that_saves_it(slack: SlackClient) -> None:
    await slack.click(
        "actions.make#4", {"text": "Share the notes in easy read", "p": "5"}, trigger_id="trig-1"
    )
    await slack.settle()
    [opened] = slack.fake.of("views.open")
    assert opened["trigger_id"] == "trig-1"
    view = opened["view"]
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == ["text", "owner", "due"]
    assert inputs["text"]["element"]["initial_value"] == "Share the notes in easy read"
    assert inputs["owner"]["optional"] and inputs["due"]["optional"]
    answers = {"text": "Share the notes in easy read", "owner": f"<@{SAM}>", "due": "Friday"}
    status, body = await slack.interaction(submission_payload(view, answers))
    assert status == 200 and body == ""
    await slack.settle()
    [action] = await records.in_scope(slack.runtime.core.store)
    assert (action.text, action.owner, action.due, action.principle) == (
        "Share the notes in easy read",
        SAM,
        "2026-12-11",
        5,
    )
    assert "Saved as action 1" in said(slack.fake.of("chat.postEphemeral")[-1])
    assert "Action 1 agreed" in said(slack.fake.of("chat.postMessage")[-1])


async def test_a_refused_modal_says_why_privately(slack: SlackClient) -> None:
    await slack.click("actions.make#0", {"text": "Share the notes"}, trigger_id="trig-2")
    await slack.settle()
    [opened] = slack.fake.of("views.open")
    answers = {"text": "Share the notes", "due": "yesterday"}
    await slack.interaction(submission_payload(opened["view"], answers))
    await slack.settle()
    assert "already gone" in said(slack.fake.of("chat.postEphemeral")[-1])
    assert await records.in_scope(slack.runtime.core.store) == []
    assert slack.fake.of("chat.postMessage") == []


async def test_done_on_a_reflection_or_reminder_card(slack: SlackClient) -> None:
    await run(slack, f"action add Send the notes for <@{SAM}|sam>")
    value = {"c": f"slack:T0001:{CHANNEL}", "n": "1"}
    await slack.click("actions.notyet#1", value, user=SAM)
    await slack.settle()
    assert "stays open" in said(slack.fake.of("hooks")[-1])
    await slack.click("actions.done#0", value, user=SAM)
    await slack.settle()
    assert "Action 1 is done" in said(slack.fake.of("chat.postMessage")[-1])
    [action] = await records.in_scope(slack.runtime.core.store)
    assert action.status == "done"
    await slack.click("actions.done#0", value, user=SAM)
    await slack.settle()
    assert "no longer exists, or it is already closed" in said(slack.fake.of("hooks")[-1])


async def test_a_huddle_end_opens_with_the_open_actions(slack: SlackClient) -> None:
    await run(slack, f"action add Send the notes for <@{SAM}|sam> by Friday")
    await slack.event(fixture("huddle_ended"))
    await slack.settle()
    post = slack.fake.of("chat.postMessage")[-1]
    blocks = post["blocks"]
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert texts[0] == "*Last time you agreed:*"
    assert "Send the notes" in texts[1] and "Done?" in texts[1]
    ids = [
        e["action_id"].partition("#")[0]
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert ids[:2] == ["actions.done", "actions.notyet"]
    assert "actions.make" in ids and "nudges.pause" in ids


async def test_the_owners_reminder_goes_to_their_direct_chat(
    slack: SlackClient, clock: FakeClock
) -> None:
    # An ephemeral message reaches only a person looking at that channel at that moment and is
    # gone on reload; a reminder due at nine must still be there when the owner looks.
    await run(slack, "nudges off")  # only the action's own posts below
    await run(slack, f"action add Book the room for <@{SAM}|sam> by Wednesday")
    scheduler = Scheduler(slack.runtime.core)
    await scheduler.start()
    slack.fake.calls.clear()
    for _ in range(2 * 24 * 2):  # Monday to Wednesday morning, every half hour
        clock.advance(minutes=30)
        await scheduler.tick()
    await slack.settle()
    opened = slack.fake.of("conversations.open")
    assert [o["users"] for o in opened] == [SAM]
    [reminder] = [p for p in slack.fake.of("chat.postMessage") if "Book the room" in said(p)]
    assert reminder["channel"] == "D" + SAM[1:]  # the direct chat the fake opened
    assert "in #project-team is due Wed 9 Dec" in said(reminder)  # names its channel
    assert not [e for e in slack.fake.of("chat.postEphemeral") if e["user"] == SAM]


async def test_the_monthly_post_reaches_the_channel(slack: SlackClient, clock: FakeClock) -> None:
    await run(slack, "nudges off")
    await run(slack, "action add Send the notes in easy read")
    await run(slack, "action add Hire a hall")
    await run(slack, "action done 1 Sent to every partner")
    await run(slack, "action drop 2 We meet online now")
    scheduler = Scheduler(slack.runtime.core)
    await scheduler.start()
    slack.fake.calls.clear()
    for _ in range(30 * 6):  # into January, every four hours
        clock.advance(hours=4)
        await scheduler.tick()
    await slack.settle()
    posts = [p for p in slack.fake.of("chat.postMessage") if "In December 2026" in said(p)]
    assert len(posts) == 1
    [post] = posts
    assert post["channel"] == CHANNEL and "thread_ts" not in post
    assert post["text"]  # fallback text for notifications and screen readers
    assert "Send the notes in easy read: Sent to every partner" in said(post)
    assert "Hire a hall. Why: We meet online now" in said(post)
    assert not slack.fake.of("chat.postEphemeral")
