"""Admin input checks: principles, kinds, wording, time zones, times and people."""

from __future__ import annotations

from datetime import time

import pytest

from bot.admin.people import Person, person, person_id
from bot.admin.validate import (
    Invalid,
    clock_time,
    principle_number,
    prompt_text,
    take_kind,
    time_range,
    timezone,
)
from bot.model import ConversationRef, Mention, Platform

SLACK = ConversationRef(Platform.SLACK, "T1", "C1")
TEAMS = ConversationRef(Platform.TEAMS, "tenant-1", "19:abc@thread.tacv2")
LOCAL = ConversationRef(Platform.LOCAL, "local", "general")


@pytest.mark.parametrize(("typed", "number"), [("4", 4), ("p8", 8), ("#1", 1)])
def test_principles_one_to_eight(typed: str, number: int) -> None:
    assert principle_number(typed) == number


@pytest.mark.parametrize("typed", ["0", "9", "10", "four", "", "4.5", "-1"])
def test_other_principles_are_refused(typed: str) -> None:
    with pytest.raises(Invalid) as err:
        principle_number(typed)
    assert err.value.message_id == "admin.invalid.principle"


@pytest.mark.parametrize(
    ("words", "kind", "rest"),
    [
        ("reflection Hi", "reflection", ["Hi"]),
        ("reminders Hi", "reminder", ["Hi"]),
        ("check Hi", "check_statement", ["Hi"]),
        ("check statement Hi", "check_statement", ["Hi"]),
        ("check_statement Hi", "check_statement", ["Hi"]),
        ("next Hi", "next_step", ["Hi"]),
        ("next step Hi", "next_step", ["Hi"]),
        ("NEXT_STEP Hi", "next_step", ["Hi"]),
    ],
)
def test_kinds(words: str, kind: str, rest: list[str]) -> None:
    assert take_kind(words.split()) == (kind, rest)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(Invalid) as err:
        take_kind(["jokes", "x"])
    assert err.value.message_id == "admin.invalid.kind"


def test_prompt_wording_is_cleaned_and_capped() -> None:
    assert prompt_text("  a\u200b b \n\n c\u202e ") == "a b c"
    assert len(prompt_text("x" * 300)) == 300
    with pytest.raises(Invalid) as err:
        prompt_text("x" * 301)
    assert err.value.values == {"length": 301, "limit": 300}
    with pytest.raises(Invalid):
        prompt_text("\u200b\u200d \n")


def test_time_zones_are_real_and_spelt_properly() -> None:
    assert timezone("europe/london") == "Europe/London"
    assert timezone(" America/New_York ") == "America/New_York"
    assert timezone("UTC") == "UTC"
    with pytest.raises(Invalid) as err:
        timezone("Europe/Lodnon")
    assert err.value.values["suggestion"] == "Europe/London"
    for bad in ("Mars/Olympus", "../../etc/passwd", "", "GMT+25"):
        with pytest.raises(Invalid):
            timezone(bad)


def test_times_and_ranges() -> None:
    assert clock_time("9:30") == time(9, 30)
    assert clock_time("18.00") == time(18, 0)
    assert time_range("18:00-09:00") == (time(18), time(9))
    assert time_range("18:00 to 09:00") == (time(18), time(9))
    for bad in ("24:00", "9", "9:5", "noon", "12:60"):
        with pytest.raises(Invalid):
            clock_time(bad)
    for bad in ("18:00", "09:00-09:00", "18:00-25:00"):
        with pytest.raises(Invalid):
            time_range(bad)


@pytest.mark.parametrize(
    ("ref", "typed", "expected"),
    [
        (SLACK, "<@U123ABC>", "U123ABC"),
        (SLACK, "<@U123ABC|ada>", "U123ABC"),
        (SLACK, "W0ENTERPRISE", "W0ENTERPRISE"),
        (SLACK, "slack:U123ABC", "U123ABC"),
        (TEAMS, "29:1a2B-c3_d", "29:1a2B-c3_d"),
        (TEAMS, "teams:29:1a2B-c3_d", "29:1a2B-c3_d"),
        (TEAMS, "8f4e3c2a-1b2c-4d5e-8f90-123456789abc", "8f4e3c2a-1b2c-4d5e-8f90-123456789abc"),
        (LOCAL, "@sam", "sam"),
        (LOCAL, "local:sam", "sam"),
    ],
)
def test_people(ref: ConversationRef, typed: str, expected: str) -> None:
    assert person_id(ref, typed) == expected


@pytest.mark.parametrize(
    ("ref", "typed"),
    [
        (SLACK, "@ada"),  # a name typed without Slack's mention picker is not an id
        (SLACK, "<!channel>"),
        (TEAMS, "Ada Lovelace"),
        (TEAMS, "<at>Ada</at>"),
        (TEAMS, "slack:U123ABC"),
        (LOCAL, "two words"),
        (LOCAL, "<script>"),
    ],
)
def test_people_that_are_not_ids_are_refused(ref: ConversationRef, typed: str) -> None:
    with pytest.raises(Invalid):
        person_id(ref, typed)


def test_a_mention_is_read_from_the_events_mentions() -> None:
    sam = Mention("29:1sam-lee", "Sam Lee", "@Sam Lee")
    assert person(TEAMS, " @Sam Lee ", [sam]) == Person("29:1sam-lee", "Sam Lee")
    assert person(LOCAL, "@sam", [Mention("sam", "sam", "@sam")]) == Person("sam", "sam")
    with pytest.raises(Invalid):  # without the mention, a display name is not an id
        person(TEAMS, "@Sam Lee")
    with pytest.raises(Invalid):  # a mention's id is still one the platform accepts
        person(SLACK, "@x", [Mention("not-an-id", "x", "@x")])
    assert person(SLACK, "<@U123ABC|ada>") == Person("U123ABC", "ada")  # Slack's own syntax
