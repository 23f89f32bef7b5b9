"""Issue 15: scheduling says what it understood. An end before the start asks whether the
meeting runs overnight; reminders on a day off or in quiet hours are accepted with a note of
when they will really post; a nudge held back to the next working morning comes at the start
of the working day, never at midnight; the meeting list's footer names a meeting that exists."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.model import Buttons, CardAction, Command, User
from tests.nudges.conftest import Bot

LONDON = ZoneInfo("Europe/London")
ADMIN = User("ada", "Ada", platform_admin=True)


def words(replies) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(r.text + (str(r.card) if r.card else "") for r in replies)


async def test_an_end_before_the_start_asks_whether_it_runs_overnight(bot: Bot) -> None:
    """Defect: `meeting add Backwards Wed 16:00-15:00` was taken as overnight without a word."""
    replies = await bot.say("meeting add Backwards Wed 16:00-15:00")
    assert replies[0].private and replies[0].card is not None
    assert "Does it run overnight" in words(replies)
    assert await bot.core.store.find("nudge_meetings") == []
    (row,) = [b for b in replies[0].card.blocks if isinstance(b, Buttons)]
    yes, no = row.buttons
    refused = await bot.core.handle(
        CardAction(bot.ref(), User("alex"), action_id=no.action_id, value=no.value)
    )
    assert "Nothing was added" in words(refused)
    added = await bot.core.handle(
        CardAction(bot.ref(), User("alex"), action_id=yes.action_id, value=yes.value)
    )
    assert "Added meeting 1: Backwards, Wed 16:00–15:00" in words(added)
    typed = await bot.say("meeting add Night shift Thu 22:00-02:00 overnight")
    assert "Added meeting 2: Night shift, Thu 22:00–02:00" in words(typed)
    plain = await bot.say("meeting add Day one Fri 10:00-11:00")
    assert "Added meeting 3" in words(plain)  # a normal meeting is not asked about


async def test_the_meeting_list_footer_names_a_meeting_that_exists(bot: Bot) -> None:
    await bot.say("meeting add Retro Fri 16:00-17:00")
    listing = words(await bot.say("meeting list"))
    assert "meeting remove 1" in listing and "meeting remove 2" not in listing
    await bot.say("meeting add Stand-up Mon 09:00-09:15")
    await bot.say("meeting remove 1")
    listing = words(await bot.say("meeting list"))
    assert "meeting remove 2" in listing and "meeting remove 1" not in listing


async def test_reminders_on_a_day_off_or_in_quiet_hours_say_when_they_post(bot: Bot) -> None:
    """Defect: `admin reminders Sat 10:00` and `Wed 03:00` were accepted without a word."""

    async def admin(text: str) -> str:
        return words(await bot.core.handle(Command(bot.ref(), ADMIN, text=text)))

    saturday = await admin("admin reminders Sat 10:00")
    assert "Sat is not a working day here" in saturday and "Mon 09:00" in saturday
    night = await admin("admin reminders Wed 03:00")
    assert "03:00 is inside quiet hours here (17:30–09:00)" in night and "Wed 09:00" in night
    usual = await admin("admin reminders Tue 10:00")
    assert "working day" not in usual and "quiet hours" not in usual


async def test_a_weekend_reflection_without_quiet_hours_waits_for_the_working_morning(
    bot: Bot,
) -> None:
    """Defect: with quiet hours off, a Saturday meeting's reflection came on Monday at 00:00."""
    await bot.set("nudges.quiet_hours", "off")
    bot.clock.set(datetime(2026, 1, 10, 8, 0, tzinfo=UTC))  # Saturday
    await bot.say("meeting add Weekend group Sat 10:00-11:00")
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 12, 11, 0, tzinfo=UTC), step_minutes=10)
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert [p.at.astimezone(LONDON).strftime("%a %d %H:%M") for p in reflections] == [
        "Mon 12 09:00"
    ]
