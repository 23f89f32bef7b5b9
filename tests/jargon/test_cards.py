"""The cards name every word found or say how many more; gentle suggestions ride along."""

from __future__ import annotations

from bot.jargon.cards import MAX_TERMS
from tests.conftest import Chat, all_text
from tests.jargon.conftest import GENERAL

WORDS = [
    "leverage",
    "synergy",
    "bandwidth",
    "granular",
    "ideation",
    "touchpoint",
    "solutioning",
    "wheelhouse",
    "headcount",
    "moonshot",
    "workstream",
    "roadmap",
]
BUSY = "Honestly: " + ", ".join(WORDS) + "."


def _lines(reply: dict) -> list[str]:
    blocks = [b for b in reply["card"]["blocks"] if b["type"] == "text"]
    return [line for b in blocks for line in b["text"].split("\n")]


async def test_a_tip_names_ten_words_and_says_how_to_see_the_rest(chat: Chat) -> None:
    [tip] = await chat.say(BUSY, user="sam")
    lines = _lines(tip)
    named = [w for w in WORDS if any(f"**{w}**" in line for line in lines)]
    assert named == WORDS[:MAX_TERMS]
    assert any("…and 2 more" in line and "`/coprod jargon`" in line for line in lines)
    why = next(
        b
        for blk in tip["card"]["blocks"]
        if blk["type"] == "buttons"
        for b in blk["buttons"]
        if b["action_id"] == "jargon.why"
    )
    assert why["value"]["terms"].split("|") == WORDS[:MAX_TERMS]


async def test_the_draft_check_lists_every_word(chat: Chat) -> None:
    [reply] = await chat.say(f"/coprod jargon {BUSY}", user="sam")
    text = all_text([reply])
    for word in WORDS:
        assert f"**{word}**" in text, word
    assert "more" not in text


async def test_explain_mode_says_how_many_more(chat: Chat) -> None:
    await chat.runtime.core.channel_settings.set(GENERAL, "jargon.mode", "explain")
    [reply] = await chat.say(BUSY, user="sam")
    assert "…and 2 more." in all_text([reply])


async def test_a_gentle_suggestion_alone_starts_no_tip(chat: Chat) -> None:
    assert await chat.say("Bring a snack, e.g. fruit, and a drink.", user="sam") == []
    [check] = await chat.say("/coprod jargon Bring a snack, e.g. fruit.", user="sam")
    assert "**e.g.**: some readers find _for example_" in all_text([check])


async def test_a_gentle_suggestion_rides_along_with_a_warning(chat: Chat) -> None:
    [tip] = await chat.say("We should leverage our partners, e.g. the library.", user="sam")
    lines = _lines(tip)
    assert lines.index("And a smaller thought, only if you like:") < next(
        i for i, line in enumerate(lines) if "**e.g.**" in line
    )
    assert lines[1].startswith("- **leverage**")


async def test_an_existence_rule_gives_its_advice(chat: Chat) -> None:
    [tip] = await chat.say("The plan is for vulnerable people in the town.", user="sam")
    assert "**vulnerable people**: Say who you mean, and what puts them at risk." in all_text([tip])
    [why] = await chat.click("jargon.why", {"terms": "vulnerable people", "mode": "private"})
    assert "many find it belittling" in all_text([why])
    [explained] = await chat.say("/coprod explain vulnerable adults")
    assert "Say who you mean" in explained["text"] and "plain-words list" in explained["text"]
