"""Follow-up on a fake clock: the owner's reminders (the working day before, the day it becomes
overdue, within working hours and the daily cap) and the monthly "You said, we did" post."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.model import Visibility
from tests.nudges.conftest import Bot, make_bot

MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 in London


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(MONDAY))
    await made.set("nudges.enabled", False)  # only the actions' posts in these tests
    yield made
    await made.core.store.close()


def reminders(bot: Bot) -> list[tuple[str, str, str]]:
    """(local time, recipient, card id) of each private reminder posted."""
    out = []
    for p in bot.recorder.posts:
        if p.reply.card and p.reply.card.id.startswith("actions.reminder"):
            assert p.reply.visibility == Visibility.PRIVATE
            assert p.reply.recipient is not None
            when = p.at.astimezone(UTC).strftime("%a %H:%M")
            out.append((when, p.reply.recipient.id, p.reply.card.id))
    return out


async def run_until(bot: Bot, until: datetime, step_minutes: float = 30) -> None:
    scheduler = bot.scheduler()
    await scheduler.start()
    await bot.run(scheduler, until, step_minutes=step_minutes)


async def test_the_owner_is_reminded_the_day_before_and_when_overdue(bot: Bot) -> None:
    await bot.say("action add Send the notes for @sam by Thursday")
    await run_until(bot, MONDAY + timedelta(days=5))
    assert reminders(bot) == [
        ("Wed 09:00", "sam", "actions.reminder.before"),
        ("Fri 09:00", "sam", "actions.reminder.overdue"),
    ]
    before = bot.recorder.posts[0].reply.card
    assert before is not None
    text = str(before.blocks)
    assert "is due Thu 10 Dec" in text and "Send the notes" in text and "#general" in text
    assert "actions.done" in text  # a Done button


async def test_a_monday_deadline_is_reminded_on_friday(bot: Bot) -> None:
    await bot.say("action add Send the notes for @sam by 14 Dec")
    await run_until(bot, MONDAY + timedelta(days=8))
    assert [r[0] for r in reminders(bot)] == ["Fri 09:00", "Tue 09:00"]


async def test_quiet_hours_decide_when_the_day_starts(bot: Bot) -> None:
    await bot.set("nudges.quiet_hours", "17:00-10:30")
    await bot.say("action add Send the notes for @sam by Thursday")
    await run_until(bot, MONDAY + timedelta(days=5))
    assert [r[0] for r in reminders(bot)] == ["Wed 10:30", "Fri 10:30"]


async def test_nothing_is_sent_for_a_closed_moved_or_unowned_action(bot: Bot) -> None:
    await bot.say("action add First for @sam by Wednesday")
    await bot.say("action add Second for @kim by Wednesday")
    await bot.say("action add Third by Wednesday")
    await bot.say("action done 1")
    await bot.say("action due 2 next Friday")
    await run_until(bot, MONDAY + timedelta(days=3))
    assert reminders(bot) == []  # 1 is done, 2 moved to the 18th, 3 has no owner
    await run_until(bot, MONDAY + timedelta(days=15))
    assert reminders(bot) == [
        ("Thu 09:00", "kim", "actions.reminder.before"),
        ("Mon 09:00", "kim", "actions.reminder.overdue"),
    ]


async def test_the_daily_cap_moves_a_reminder_to_the_next_working_day(bot: Bot) -> None:
    await bot.set("nudges.daily_cap", 1)
    await bot.say("action add First for @sam by Thursday")
    await bot.say("action add Second for @kim by Thursday")
    await run_until(bot, MONDAY + timedelta(days=3, hours=2))
    sent = reminders(bot)
    assert sent[0] == ("Wed 09:00", "sam", "actions.reminder.before")
    assert sent[1][0] == "Thu 09:00" and sent[1][1] == "kim"


async def test_an_action_due_today_gets_only_the_overdue_reminder(bot: Bot) -> None:
    await bot.say("action add Send the notes for @sam by today")
    await run_until(bot, MONDAY + timedelta(days=2))
    assert reminders(bot) == [("Tue 09:00", "sam", "actions.reminder.overdue")]


async def test_the_monthly_post_sums_up_a_month_with_closed_actions(bot: Bot) -> None:
    await bot.say("action add Send the notes in easy read")
    await bot.say("action add Hire a hall")
    await bot.say("action done 1 Sent to every partner")
    await bot.say("action drop 2 We meet online now")
    await run_until(bot, datetime(2027, 1, 5, 12, 0, tzinfo=UTC), step_minutes=240)
    posts = [p for p in bot.recorder.posts if p.reply.card and p.reply.card.id == "actions.summary"]
    assert len(posts) == 1
    post = posts[0]
    assert post.reply.visibility == Visibility.PUBLIC
    assert post.at.strftime("%a %d %b %H:%M") == "Fri 01 Jan 10:00"  # the first working morning
    text = str(post.reply.card.blocks if post.reply.card else "")
    assert "In December 2026" in text
    assert "Send the notes in easy read: Sent to every partner" in text
    assert "Hire a hall. Why: We meet online now" in text


async def test_no_monthly_post_when_it_is_off_or_nothing_closed(bot: Bot) -> None:
    await bot.say("action add Send the notes")
    await bot.say("action done 1")
    await bot.set("actions.summary", "off")
    await bot.say("action add Hire a hall")
    await run_until(bot, datetime(2027, 2, 5, 12, 0, tzinfo=UTC), step_minutes=240)
    assert not [
        p for p in bot.recorder.posts if p.reply.card and p.reply.card.id == "actions.summary"
    ]
