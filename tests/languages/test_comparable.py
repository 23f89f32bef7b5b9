"""One check round answered in three locales gives one set of results: same statements by id,
the same answer scale, counted together."""

from __future__ import annotations

from tests.conftest import Chat, all_text

PEOPLE = {"alex": "cymraeg", "sam": "easy read", "kim": "english", "jo": "cymraeg", "lee": "easy"}


async def test_answers_in_three_locales_count_in_one_round(chat: Chat) -> None:
    for person, language in PEOPLE.items():
        await chat.say(f"/coprod language {language}", user=person)
    opened = await chat.say("/coprod check", user="kim")
    assert any(r["visibility"] == "public" for r in opened)
    forms = {}
    for person in PEOPLE:
        replies = await chat.click("check.open", {"round": "local:local:general#1"}, user=person)
        forms[person] = all_text(replies)
    # Each person reads the same statement in their own words ...
    assert "Rydyn ni'n cynnwys partneriaid o gychwyn cyntaf" in forms["alex"]
    assert "Partners are part of each project from the very start" in forms["sam"]
    assert "We involve partners from the very start of each project" in forms["kim"]
    # ... and their answers land in the same round.
    for i, person in enumerate(PEOPLE):
        await chat.say(f"/coprod check answer {i % 4 + 1} 2 3 4 1 2 3 4", user=person)
    closed = all_text(await chat.say("/coprod check close", user="kim"))
    assert "5 answered" in closed
    results = all_text(await chat.say("/coprod check results", user="kim"))
    assert "5 answers" in results
    # principle 1: 1, 2, 3, 4 and 1, answered in Welsh, easy read and English
    assert "**1. Embed Co-production**: 2.2 out of 4" in results
    assert "Not yet 2, Starting 1, Developing 1, Embedded 1" in results
