"""`/coprod check` at the wire: the public round card, the Answer button opening a modal, signed
submissions recorded anonymously, results only at close, double answers refused, the text form,
the confirm steps (closing below the minimum, deleting results) and closing on its own."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from bot.store.journal import journals

from .conftest import SlackClient, button_of, submission_payload

CHANNEL = "C2147483705"
OPENER = "U2147483697"  # who sends the fixture's slash commands
PEOPLE = ("U0CHKAAA01", "U0CHKBBB02", "U0CHKCCC03", "U0CHKDDD04", "U0CHKEEE05")
TITLES_FIELDS = [f"p{n}" for n in range(1, 9)]


def answers(scores: str, role: str = "staff") -> dict[str, str]:
    return {**{f"p{n}": s for n, s in zip(range(1, 9), scores.split(), strict=True)}, "role": role}


async def open_round(slack: SlackClient) -> dict[str, Any]:
    """`/coprod check` → the public round card; return its Answer button."""
    await slack.command("check")
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 1
    return button_of(posts[0]["blocks"], "check.open#")


async def answer_in_modal(
    slack: SlackClient, button: dict[str, Any], user: str, scores: str
) -> dict[str, Any]:
    """Click Answer as `user`, then submit the modal that opens. Returns the opened view."""
    before = len(slack.fake.of("views.open"))
    trigger = f"trigger-{user}-{before}"
    await slack.click(
        button["action_id"], json.loads(button["value"]), user=user, trigger_id=trigger
    )
    await slack.settle()
    opened = slack.fake.of("views.open")
    assert len(opened) == before + 1 and opened[-1]["trigger_id"] == trigger
    view = opened[-1]["view"]
    status, text = await slack.interaction(submission_payload(view, answers(scores), user=user))
    assert status == 200 and text == ""  # the modal closes
    await slack.settle()
    return view


async def stored_file(slack: SlackClient) -> str:
    """What the TinyDB store holds on disk: its snapshot and its journal, as written."""
    await slack.runtime.store.settle()
    path = Path(slack.runtime.settings.COPROD_DB)
    files = [path, *(p for _, p in journals(path))]
    return await asyncio.to_thread(
        lambda: "\n".join(f.read_text("utf-8") for f in files if f.exists())
    )


def ephemerals_to(slack: SlackClient, user: str) -> list[dict[str, Any]]:
    return [e for e in slack.fake.of("chat.postEphemeral") if e["user"] == user]


async def test_a_round_answered_by_five_people_over_slack(slack: SlackClient) -> None:
    say = slack.runtime.core.pack.say
    button = await open_round(slack)
    card = slack.fake.of("chat.postMessage")[0]
    assert card["channel"] == CHANNEL and "thread_ts" not in card
    assert card["text"] == say("check.round.fallback")
    assert button["text"]["text"] == say("check.round.answer_button")
    opened_note = slack.fake.of("hooks")[-1]
    assert opened_note["response_type"] == "ephemeral"
    assert "closes on its own on Monday 12 January at 09:00" in opened_note["text"]

    view = await answer_in_modal(slack, button, PEOPLE[0], "2 3 1 4 0 2 3 1")
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == [*TITLES_FIELDS, "role"]
    assert inputs[0]["label"]["text"].startswith("1. ")
    assert [o["value"] for o in inputs[0]["element"]["options"]] == ["1", "2", "3", "4", "0"]
    assert inputs[-1]["optional"] is True
    meta = json.loads(view["private_metadata"])
    assert meta["a"] == "check.submit" and meta["c"] == CHANNEL and meta["t"] == "T0001"
    assert set(meta["v"]) == {"round"}  # the round, and nothing about the person

    mine = ephemerals_to(slack, PEOPLE[0])
    assert len(mine) == 1 and mine[0]["channel"] == CHANNEL
    assert mine[0]["text"].startswith(say("check.answer.thanks"))
    assert "1 answered so far" in mine[0]["text"] and "4 more needed" in mine[0]["text"]

    for user in PEOPLE[1:]:
        await answer_in_modal(slack, button, user, "3 3 2 4 1 2 2 1")
    last = ephemerals_to(slack, PEOPLE[4])
    assert len(last) == 1 and "5 answered so far, enough for results" in last[0]["text"]
    assert say("check.results.title") not in json.dumps(last)  # a count, never results
    assert len(slack.fake.of("chat.postMessage")) == 1  # nothing public while open

    await slack.command("check close")
    await slack.settle()
    results = slack.fake.of("chat.postMessage")[-1]
    assert results["channel"] == CHANNEL
    assert results["text"].startswith(say("check.close.done_by_hand", seq=1, count=5))
    shown = json.dumps(results["blocks"])
    pack = slack.runtime.core.pack
    for n in range(1, 9):
        assert f"{n}. {pack.principle(n).title}" in results["text"]
        assert f"*{n}. {pack.principle(n).title}*" in shown or pack.principle(n).title in shown

    # The store holds no Slack user id of anyone who answered (or opened the round).
    raw = await stored_file(slack)
    assert json.loads(raw)["check_rounds"]
    for user in (*PEOPLE, OPENER):
        assert user not in raw, user


async def test_answering_twice_is_refused_as_documented(slack: SlackClient) -> None:
    say = slack.runtime.core.pack.say
    button = await open_round(slack)
    view = await answer_in_modal(slack, button, PEOPLE[0], "2 3 1 4 0 2 3 1")
    # The same modal submitted again (a second tab, a double click): refused, not counted.
    await slack.interaction(submission_payload(view, answers("4 4 4 4 4 4 4 4"), user=PEOPLE[0]))
    await slack.settle()
    mine = ephemerals_to(slack, PEOPLE[0])
    assert len(mine) == 2 and mine[1]["text"] == say("check.answer.already")
    # Clicking Answer again says so instead of opening the form.
    opened = len(slack.fake.of("views.open"))
    await slack.click(button["action_id"], json.loads(button["value"]), user=PEOPLE[0])
    await slack.settle()
    assert len(slack.fake.of("views.open")) == opened
    assert slack.fake.of("hooks")[-1]["text"] == say("check.answer.already")
    # The text form is refused too.
    await slack.command("check answer 1 1 1 1 1 1 1 1", user_id=PEOPLE[0])
    await slack.settle()
    assert slack.fake.of("hooks")[-1]["text"] == say("check.answer.already")
    assert await slack.runtime.store.count("check_answers") == 1


async def test_the_text_form_works_over_slack(slack: SlackClient) -> None:
    await open_round(slack)
    opened = len(slack.fake.of("hooks"))  # the opener's private "it closes on its own…"
    for user in PEOPLE:
        status, _ = await slack.command("check answer 2 3 1 4 0 2 3 1 as partner", user_id=user)
        assert status == 200
        await slack.settle()
    hooks = slack.fake.of("hooks")[opened:]
    assert len(hooks) == 5 and all(h["response_type"] == "ephemeral" for h in hooks)
    assert "4 more needed" in hooks[0]["text"]
    assert "enough for results" in hooks[4]["text"]
    assert slack.runtime.core.pack.say("check.results.title") not in json.dumps(hooks)
    assert await slack.runtime.store.count("check_answers") == 5
    raw = await stored_file(slack)
    for user in PEOPLE:
        assert user not in raw


async def test_a_malformed_text_answer_gets_private_help(slack: SlackClient) -> None:
    await open_round(slack)
    opened = len(slack.fake.of("hooks"))
    await slack.command("check answer 2 3 9 banana")
    await slack.settle()
    hooks = slack.fake.of("hooks")[opened:]
    assert len(hooks) == 1 and hooks[0]["response_type"] == "ephemeral"
    assert hooks[0]["text"].startswith("I could not read that answer.")
    assert "`/coprod check answer`" in hooks[0]["text"]
    assert len(slack.fake.of("chat.postMessage")) == 1  # only the round card: nothing public
    assert await slack.runtime.store.count("check_answers") == 0


async def test_a_workspace_admin_can_close_a_round_someone_else_opened(slack: SlackClient) -> None:
    await open_round(slack)
    slack.fake.person("U0ADMIN001", admin=True)
    slack.fake.person("U0MEMBER01")
    say = slack.runtime.core.pack.say
    await slack.command("check close", user_id="U0MEMBER01")
    await slack.settle()
    assert slack.fake.of("hooks")[-1]["text"] == say("check.close.not_allowed")
    await slack.command("check close", user_id="U0ADMIN001")
    await slack.settle()
    closed = slack.fake.of("chat.postMessage")[-1]
    assert closed["text"] == say("check.close.nobody_by_hand", seq=1)
