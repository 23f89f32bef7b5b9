"""Every action command in the local chat: what it stores, what it says back, and bad input
that gets a clear reply and stores nothing."""

from __future__ import annotations

import pytest

from bot.actions import records
from tests.conftest import Chat

from .conftest import words


async def stored(chat: Chat) -> list[records.Action]:
    return await records.in_scope(chat.runtime.core.store)


async def test_add_with_owner_date_and_principle_says_what_it_understood(chat: Chat) -> None:
    replies = await chat.say("/coprod action add Send the notes in easy read for @sam by Friday")
    text = words(replies)
    assert replies[0]["visibility"] == "public"  # the channel sees what was agreed
    assert "Action 1 agreed" in text
    assert "Send the notes in easy read" in text
    assert "Owner: @sam" in text
    assert "Due: Fri 11 Dec" in text
    assert 'I read "Friday" as that date' in text
    assert "principle 5" in text and "/coprod action principle 1 p<1-8>" in text
    [action] = await stored(chat)
    assert (action.text, action.owner, action.due, action.principle) == (
        "Send the notes in easy read",
        "sam",
        "2026-12-11",
        5,
    )
    assert action.creator and action.creator != "alex"  # a salted code, never the id
    assert "alex" not in str(action.to_doc().values())


async def test_a_given_principle_wins_and_numbers_count_up(chat: Chat) -> None:
    await chat.say("/coprod action add Pay partners for their time p4")
    replies = await chat.say("/coprod action add Book a room p2")
    assert "Action 2 agreed" in words(replies)
    assert [a.principle for a in await stored(chat)] == [4, 2]


async def test_actions_lists_overdue_first(chat: Chat) -> None:
    await chat.say("/coprod action add First thing by tomorrow for @kim")
    await chat.say("/coprod action add Second thing by Wednesday")
    chat.runtime.core.clock.advance(days=2)  # Wednesday: the first is overdue
    replies = await chat.say("/coprod actions")
    assert replies[0]["visibility"] == "private"
    text = words(replies)
    assert text.index("First thing") < text.index("Second thing")
    assert "**overdue**, was due Tue 8 Dec" in text
    assert "1 overdue" in text
    chat.runtime.core.clock.advance(days=1)
    text = words(await chat.say("/coprod actions"))
    assert text.index("Second thing") > text.index("First thing")
    assert "2 overdue" in text


async def test_empty_list_says_how_to_add(chat: Chat) -> None:
    assert "/coprod action add" in words(await chat.say("/coprod actions"))


async def test_done_and_drop_with_a_line(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes")
    await chat.say("/coprod action add Hire a hall")
    done = await chat.say("/coprod action done 1 Sent on Tuesday")
    assert done[0]["visibility"] == "public"
    assert "Action 1 is done: Send the notes" in words(done)
    assert "What we did: Sent on Tuesday" in words(done)
    dropped = await chat.say("/coprod action drop 2 The hall closed")
    assert "Action 2 was dropped: Hire a hall" in words(dropped)
    assert "Why: The hall closed" in words(dropped)
    first, second = await stored(chat)
    assert (first.status, first.note) == ("done", "Sent on Tuesday")
    assert (second.status, second.note) == ("dropped", "The hall closed")
    again = await chat.say("/coprod action done 1")
    assert "already marked done" in words(again) and again[0]["visibility"] == "private"
    assert "There are no open actions" in words(await chat.say("/coprod actions"))


async def test_edit_owner_due_and_principle(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes")
    assert "now reads: Send the notes in large print" in words(
        await chat.say("/coprod action edit 1 Send the notes in large print")
    )
    assert "now owned by @kim" in words(await chat.say("/coprod action owner 1 @kim"))
    text = words(await chat.say("/coprod action due 1 next Tuesday"))
    assert 'now due Tue 15 Dec (I read "next Tuesday" as that date)' in text
    assert "principle 7" in words(await chat.say("/coprod action principle 1 p7"))
    [action] = await stored(chat)
    assert (action.text, action.owner, action.due, action.principle) == (
        "Send the notes in large print",
        "kim",
        "2026-12-15",
        7,
    )
    await chat.say("/coprod action owner 1 nobody")
    await chat.say("/coprod action due 1 none")
    [action] = await stored(chat)
    assert action.owner is None and action.due is None


@pytest.mark.parametrize(
    ("command", "expected", "form"),
    [
        ("action add", "What is the action?", "action add <what>"),
        ("action add " + "x" * 2000, "2,000 characters long", "action add <what>"),
        ("action add Book a room by yesterday", "has already gone", "action add <what>"),
        ("action add Book a room by 31 Feb", "not a day on the calendar", "action add <what>"),
        ("action add Book a room by Fryday 3", "could not read", "action add <what>"),
        ("action add Book a room for @channel", "is a group, not a person", "action add <what>"),
        ("action add Book a room for @here", "is a group, not a person", "action add <what>"),
        ("action add Book a room p9", "no principle p9", "action add <what>"),
        ("action done 12", "no action 12 in this channel", ""),
        ("action done", "Which action?", "action done <number>"),
        ("action done x", "Which action?", "action done <number>"),
        ("action edit 1 " + "y" * 2000, "2,000 characters long", "action edit <number>"),
        ("action due 1 yesterday", "has already gone", "action due <number> <date>"),
        ("action owner 1 @everyone", "is a group, not a person", "action owner <number>"),
        ("action principle 1 p0", "no principle p0", "action principle <number>"),
        ("action frobnicate", "What would you like to do with actions?", ""),
        ("you said we did since next week", "has not happened yet", "you said we did"),
    ],
)
async def test_bad_input_gets_a_clear_reply_and_stores_nothing(
    chat: Chat, command: str, expected: str, form: str
) -> None:
    await chat.say("/coprod action add Keep this one as it is")
    before = [a.to_doc() for a in await stored(chat)]
    replies = await chat.say(f"/coprod {command}")
    assert len(replies) == 1 and replies[0]["visibility"] == "private"
    text = words(replies)
    assert expected in text
    if form:
        assert form in text and "for example" in text
    assert "Traceback" not in text
    assert [a.to_doc() for a in await stored(chat)] == before


async def test_closed_actions_cannot_be_changed(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes")
    await chat.say("/coprod action done 1")
    assert "already closed" in words(await chat.say("/coprod action edit 1 Something else"))
    assert (await stored(chat))[0].text == "Send the notes"


async def test_actions_belong_to_a_channel(chat: Chat) -> None:
    replies = await chat.say("/coprod action add Send the notes", direct=True)
    assert "belong to a channel" in words(replies)
    assert await stored(chat) == []


async def test_channels_and_workspaces_stay_apart(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes", channel="general")
    await chat.say("/coprod action add Hire a hall", channel="planning")
    assert "Hire a hall" not in words(await chat.say("/coprod actions", channel="general"))
    assert "no action 1" not in words(await chat.say("/coprod action done 1", channel="planning"))
    # the same numbers in another channel are other actions
    assert [(a.channel_key, a.number, a.status) for a in await stored(chat)] == [
        ("local:local:general", 1, "open"),
        ("local:local:planning", 1, "done"),
    ]


async def test_your_actions_in_a_direct_chat(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes for @kim by Friday", channel="general")
    await chat.say("/coprod action add Hire a hall for @kim", channel="planning")
    await chat.say("/coprod action add Not hers for @sam", channel="planning")
    replies = await chat.say("/coprod actions", user="kim", direct=True)
    text = words(replies)
    assert "Your actions" in text
    assert "Send the notes" in text and "Hire a hall" in text and "Not hers" not in text
    assert "#general" in text and "#planning" in text
    assert "You own no open actions" in words(await chat.say("/coprod actions mine", user="jo"))


async def test_you_said_we_did_posts_a_public_summary(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes in easy read")
    await chat.say("/coprod action add Hire a hall")
    await chat.say("/coprod action add Ask about travel costs")
    await chat.say("/coprod action done 1 Sent to all partners")
    await chat.say("/coprod action drop 2 The hall closed, so we meet online")
    replies = await chat.say("/coprod you said we did since 1 Nov")
    assert replies[0]["visibility"] == "public"
    text = words(replies)
    assert "You said, we did" in text
    assert "Since Sun 1 Nov" in text
    assert "new actions agreed: 3" in text
    assert "Send the notes in easy read: Sent to all partners" in text
    assert "Hire a hall. Why: The hall closed, so we meet online" in text
    assert "Still open:** 1" in text
    assert "Since Sat 7 Nov" in words(await chat.say("/coprod you said we did"))
    assert "you said we did [since <date>]" in words(await chat.say("/coprod you know"))


async def test_user_text_cannot_format_or_mention(chat: Chat) -> None:
    replies = await chat.say("/coprod action add <!channel> *bold* [link](http://x) for @sam")
    text = words(replies)
    assert "\\<\\!channel\\>" in text and "\\*bold\\*" in text and "\\[link\\]" in text


async def test_privacy_says_actions_are_stored_on_purpose(chat: Chat) -> None:
    text = words(await chat.say("/coprod privacy"))
    assert "**Actions**" in text and "stored on purpose" in text
    assert "needs a new owner" in text


async def test_both_stores_keep_actions_the_same(any_chat: Chat) -> None:
    chat = any_chat
    await chat.say("/coprod action add Send the notes for @sam by Friday p5")
    await chat.say("/coprod action add Hire a hall")
    await chat.say("/coprod action done 2")
    text = words(await chat.say("/coprod actions"))
    assert "Send the notes" in text and "Hire a hall" not in text
    [open_one] = await records.open_here(
        chat.runtime.core.store, await chat.runtime.core.conversation("local:local:general")
    )
    assert (open_one.number, open_one.owner, open_one.due) == (1, "sam", "2026-12-11")
