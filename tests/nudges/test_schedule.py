"""Parsing meetings and schedule settings, and moving nudges out of quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.nudges.meetings import parse_meeting
from bot.schedule import (
    ScheduleError,
    parse_days,
    parse_duration,
    parse_quiet_hours,
    parse_timezone,
)
from tests.nudges.conftest import Bot


@pytest.mark.parametrize(
    "text, days",
    [
        ("Mon", (0,)),
        ("Tue-Thu", (1, 2, 3)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("daily", tuple(range(7))),
        ("Mon,Wed,Fri", (0, 2, 4)),
        ("monday, friday", (0, 4)),
        ("Fri-Mon", (0, 4, 5, 6)),
    ],
)
def test_days(text: str, days: tuple[int, ...]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["", "Funday", "Mon-Tue-Wed", "x"])
def test_bad_days(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_days(text)


def test_quiet_hours_durations_and_zones() -> None:
    assert parse_quiet_hours("17:30-09:00") == (time(17, 30), time(9, 0))
    assert parse_quiet_hours("off") is None
    assert parse_duration("2h").total_seconds() == 7200
    assert parse_duration("3d").days == 3
    assert parse_duration("2w").days == 14
    assert parse_timezone("europe/london").key == "Europe/London"
    for bad in ("0h", "27w", "soon"):
        with pytest.raises(ScheduleError):
            parse_duration(bad)
    with pytest.raises(ScheduleError):
        parse_timezone("Mars/Olympus")


def test_meeting_forms() -> None:
    spec = parse_meeting("Team catch-up Tue-Thu 10:00-11:00 Europe/Paris")
    assert (spec.name, spec.days, spec.start, spec.end, spec.timezone) == (
        "Team catch-up",
        (1, 2, 3),
        time(10),
        time(11),
        "Europe/Paris",
    )
    spec = parse_meeting("Board Mon, Wed 9:30 - 10:15")
    assert (spec.name, spec.days, spec.start) == ("Board", (0, 2), time(9, 30))
    with pytest.raises(ScheduleError):
        parse_meeting("Standup 10:00-11:00")


async def test_bad_meeting_gets_the_correct_form_privately(bot: Bot) -> None:
    for text in (
        "meeting add",
        "meeting add Standup Someday 10:00-11:00",
        "meeting add X Mon 25:00-26:00",
    ):
        replies = await bot.say(text)
        assert replies[0].private
        assert "/coprod meeting add Team catch-up Tue-Thu 10:00-11:00" in replies[0].text


async def test_quiet_hours_move_to_the_next_working_morning(bot: Bot) -> None:
    from bot.schedule import load_schedule

    schedule = await load_schedule(bot.core.channel_settings, bot.ref())
    # Friday 9 January 2026 18:10 London → Monday 12 January 09:00.
    friday_evening = datetime(2026, 1, 9, 18, 10, tzinfo=UTC)
    assert schedule.next_allowed(friday_evening) == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
    early = datetime(2026, 1, 6, 7, 0, tzinfo=UTC)
    assert schedule.next_allowed(early) == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    working = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
    assert schedule.next_allowed(working) == working
    # In summer, London is UTC+1: the working morning starts at 08:00 UTC.
    saturday = datetime(2026, 7, 4, 12, 0, tzinfo=UTC)
    assert schedule.next_allowed(saturday) == datetime(2026, 7, 6, 8, 0, tzinfo=UTC)
