"""Actions beside the check: "Make this an action" on the results' next step opens the short
form, which saves an action; results count the actions done per principle since the previous
round; with the setting "after each check round", a "You said, we did" post follows."""

from __future__ import annotations

from bot.actions import records
from bot.nudges.scheduler import Scheduler
from tests.check.conftest import FIVE, ROUND1, ROUND2, cards_with, submit_all
from tests.conftest import Chat

from .conftest import buttons, words


async def close_a_round(chat: Chat, key: str) -> list[dict]:
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "2 3 1 2 1 2 3 1", round_key=key)
    return await chat.say("/coprod check close")


async def test_the_next_step_button_opens_the_form_and_saves_an_action(chat: Chat) -> None:
    closed = await close_a_round(chat, ROUND1)
    [button] = buttons(closed, "actions.make")
    assert button["label"] == "Make this an action"
    assert button["value"]["text"] and button["value"]["p"] in {str(n) for n in range(1, 9)}
    opened = await chat.click("actions.make", button["value"], user="sam")
    assert opened[0]["visibility"] == "private"
    [form_card] = cards_with(opened, "actions.form")
    [form] = [b for b in form_card["blocks"] if b["type"] == "form"]
    assert [i["id"] for i in form["inputs"]] == ["text", "owner", "due"]
    assert form["inputs"][0]["initial"] == button["value"]["text"]  # the step, prefilled
    values = {
        **form["value"],
        "text": form["inputs"][0]["initial"],
        "owner": "@kim",
        "due": "Friday",
    }
    saved = await chat.click(form["action_id"], values, user="sam")
    assert "Saved as action 1" in words(saved)
    assert any(r["visibility"] == "public" and "Action 1 agreed" in words([r]) for r in saved)
    [action] = await records.in_scope(chat.runtime.core.store)
    assert (action.owner, action.principle) == ("kim", int(button["value"]["p"]))


async def test_a_bad_form_stores_nothing_and_says_why(chat: Chat) -> None:
    opened = await chat.click("actions.make", {"text": "Share the notes", "p": "5"})
    [form] = [b for b in cards_with(opened, "actions.form")[0]["blocks"] if b["type"] == "form"]
    for bad in ({"owner": "@here"}, {"due": "yesterday"}, {"text": "z" * 2000}, {"text": " "}):
        values = {**form["value"], "text": "Share the notes", "owner": "", "due": "", **bad}
        replies = await chat.click(form["action_id"], values)
        assert "I could not save that action" in words(replies)
        assert replies[0]["visibility"] == "private"
    assert await records.in_scope(chat.runtime.core.store) == []


async def test_results_count_actions_done_per_principle_since_the_previous_round(
    chat: Chat,
) -> None:
    await close_a_round(chat, ROUND1)
    chat.runtime.core.clock.advance(minutes=5)
    await chat.say("/coprod action add Share the notes in easy read p5")
    await chat.say("/coprod action add Explain the acronyms p5")
    await chat.say("/coprod action add Pay partners p2")
    await chat.say("/coprod action done 1")
    await chat.say("/coprod action done 2")
    await chat.say("/coprod action drop 3")  # dropped is not done
    chat.runtime.core.clock.advance(hours=1)
    closed = await close_a_round(chat, ROUND2)
    text = words(closed)
    part5 = text[text.index("5. Foster") : text.index("6. Provide")]
    assert "Actions done since the previous round: 2." in part5
    assert text.count("Actions done since the previous round") == 1


async def test_after_each_round_a_you_said_we_did_post(chat: Chat) -> None:
    await chat.say("/coprod admin settings", user="ada")
    await chat.runtime.core.channel_settings.set(
        await chat.runtime.core.conversation("local:local:general"), "actions.summary", "check"
    )
    await chat.say("/coprod action add Share the notes in easy read p5")
    await chat.say("/coprod action done 1 Sent to all")
    await close_a_round(chat, ROUND1)
    scheduler = Scheduler(chat.runtime.core)
    await scheduler.start()
    chat.runtime.core.clock.advance(minutes=2)
    await scheduler.tick()
    assert chat.runtime.local is not None
    posts = [
        p
        for p in chat.runtime.local.outbox
        if (p.body.get("card") or {}).get("id") == "actions.summary"
    ]
    assert len(posts) == 1
    assert "Share the notes in easy read: Sent to all" in str(posts[0].body["card"])
    chat.runtime.core.clock.advance(days=1)
    await scheduler.tick()
    assert (
        len(
            [
                p
                for p in chat.runtime.local.outbox
                if (p.body.get("card") or {}).get("id") == "actions.summary"
            ]
        )
        == 1
    )
