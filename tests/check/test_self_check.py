"""`check` in a direct chat: a private self-check with immediate results, nothing stored."""

from __future__ import annotations

from tests.check.conftest import card_text, cards_with, form
from tests.conftest import Chat


async def test_direct_check_shows_a_personal_form_without_the_role_question(chat: Chat) -> None:
    replies = await chat.say("check", user="alex", direct=True)
    [card] = cards_with(replies, "check.form")
    assert card["title"] == "Your private co-production check"
    [block] = [b for b in card["blocks"] if b["type"] == "form"]
    assert block["value"] == {"round": "self"}
    assert [i["id"] for i in block["inputs"]] == [f"p{n}" for n in range(1, 9)]


async def test_direct_form_gives_immediate_results_and_stores_nothing(chat: Chat) -> None:
    replies = await chat.click(
        "check.submit", form("3 1 2 4 0 2 3 4", round_key="self"), user="alex", direct=True
    )
    [card] = cards_with(replies, "check.self")
    text = card_text(card)
    assert replies[0]["visibility"] == "private"
    assert "**1. Embed Co-production**: ■■■□  Developing" in text
    assert "**5. Foster Open and Transparent Communication**: ····  Don't know" in text
    assert "**One next step** for principle 2" in text  # the lowest score
    assert await chat.runtime.store.count("check_answers") == 0
    assert await chat.runtime.store.count("check_claims") == 0
    assert await chat.runtime.store.count("check_rounds") == 0


async def test_direct_text_answer_and_its_help(chat: Chat) -> None:
    replies = await chat.say("check answer 4 4 4 4 4 4 4 1", user="sam", direct=True)
    assert "**One next step** for principle 8" in card_text(cards_with(replies, "check.self")[0])
    bad = await chat.say("check answer 4 4", user="sam", direct=True)
    assert "/coprod check answer 2 3 1 4 0 2 3 1 as partner" in bad[0]["text"]
    other = await chat.say("check results", user="sam", direct=True)
    assert "in your team's channel" in other[0]["text"]
    assert await chat.runtime.store.count("check_answers") == 0


async def test_all_dont_know_gets_a_gentle_pointer(chat: Chat) -> None:
    replies = await chat.say("check answer 0 0 0 0 0 0 0 0", user="sam", direct=True)
    assert "/coprod principles" in card_text(cards_with(replies, "check.self")[0])
