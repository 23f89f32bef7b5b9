"""The four defects of issue 12, each reproduced as it was found, through the local API."""

from __future__ import annotations

import csv
import io

from bot.check.export import results_csv
from tests.check.conftest import card_text, cards_with, submit
from tests.conftest import Chat, all_text

FIVE = ["ann", "bob", "cat", "dan", "eve"]


async def test_forget_me_does_not_let_a_person_answer_twice(chat: Chat) -> None:
    """A opens; B answers; A answers; A types `forget me`; A answers again. Before the fix the
    second answer counted, so A, knowing two of three answers were theirs, could read off B's."""
    await chat.say("/coprod check", user="ayo")
    await submit(chat, "bea", "1 1 1 1 1 1 1 1")
    await submit(chat, "ayo", "4 4 4 4 4 4 4 4")
    forgot = await chat.say("/coprod forget me confirm", user="ayo")
    assert "until that check closes" in forgot[0]["text"]
    again = await submit(chat, "ayo", "4 4 4 4 4 4 4 4")
    assert "already answered" in again[0]["text"]
    typed = await chat.say("/coprod check answer 4 4 4 4 4 4 4 4", user="ayo")
    assert "already answered" in typed[0]["text"]
    assert await chat.runtime.store.count("check_answers") == 2
    status = all_text(await chat.say("/coprod check results", user="ayo"))
    assert "2 answered so far" in status and "1.0" not in status


async def test_an_open_round_shows_no_results_to_anyone(chat: Chat) -> None:
    """Before the fix `check results` and every answerer from the 3rd on saw live results, so
    comparing them before and after one person answered gave that person's answers."""
    await chat.say("/coprod check", user="ada")
    for person in FIVE:
        replies = await submit(chat, person, "2 3 1 4 0 2 3 1")
        assert not cards_with(replies, "check.results"), person
    assert "5 answered so far" in replies[0]["text"]
    shown = await chat.say("/coprod check results", user="bob")
    assert not cards_with(shown, "check.results")
    assert "5 answered so far" in all_text(shown) and "out of 4" not in all_text(shown)
    # The admin export leaves the open round out, in chat and from the command line.
    export = all_text(await chat.say("/coprod admin export", user="ada"))
    assert "no check results" in export
    assert list(csv.DictReader(io.StringIO(await results_csv(chat.runtime.store)))) == []
    # Results appear once, at close, for everyone.
    closed = await chat.say("/coprod check close", user="ada")
    [card] = cards_with(closed, "check.results")
    assert closed[0]["visibility"] == "public"
    assert "**1. Embed Co-production**: 2.0 out of 4" in card_text(card)


async def test_the_export_rounds_group_averages_once(chat: Chat) -> None:
    """Partners answering 2, 2, 1 exported as 1.70 (rounded to one decimal, printed with two)."""
    await chat.say("/coprod admin check minimum 3", user="ada")
    await chat.say("/coprod check", user="ada")
    for person, score in zip(("p1", "p2", "p3"), ("2", "2", "1"), strict=True):
        await submit(chat, person, f"{score} 2 2 2 2 2 2 2", "partner")
    for person in ("s1", "s2", "s3"):
        await submit(chat, person, "4 4 4 4 4 4 4 4", "staff")
    closed = await chat.say("/coprod check close", user="ada")
    assert "Partners 1.7, staff 4.0" in card_text(cards_with(closed, "check.results")[0])
    rows = list(csv.DictReader(io.StringIO(await results_csv(chat.runtime.store))))
    assert (rows[0]["partners_average"], rows[0]["staff_average"]) == ("1.67", "4.00")
    assert rows[0]["average"] == "2.83"  # (2 + 2 + 1 + 4 + 4 + 4) / 6, rounded once


async def test_an_admin_can_delete_a_rounds_results_as_the_privacy_card_says(chat: Chat) -> None:
    """The privacy card promised that "an admin deletes" results, and no command did it."""
    await chat.say("/coprod check", user="ada")
    for person in FIVE:
        await submit(chat, person, "3 3 3 3 3 3 3 3")
    await chat.say("/coprod check close", user="ada")
    privacy = all_text(await chat.say("/coprod privacy"))
    assert "/coprod admin check delete" in privacy
    asked = await chat.say("/coprod admin check delete 1", user="ada")
    assert "cannot be undone" in all_text(asked)
    assert await chat.runtime.store.count("check_rounds", status="closed") == 1  # not yet
    done = await chat.say("/coprod admin check delete 1 confirm", user="ada")
    assert "Deleted check 1" in all_text(done)
    assert "no check results" in all_text(await chat.say("/coprod report"))
    assert await chat.runtime.store.count("check_answers") == 0
    [entry] = [e for e in await chat.runtime.store.find("audit") if "check 1" in e["what"]]
    assert entry["by"] == "local:ada"
