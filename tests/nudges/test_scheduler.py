"""The scheduler with a FakeClock: quiet hours, caps, pause, off, clock changes and restarts."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FakeClock
from bot.model import Button, Buttons, Card, ConversationRef, Reply
from bot.nudges.cards import PAUSE_ACTION
from bot.scheduling.slots import SENDING, TABLE
from tests.nudges.conftest import NUDGE_CAPABILITIES, Bot, Posted, Recorder, make_bot

LONDON = ZoneInfo("Europe/London")


def local(p) -> datetime:  # type: ignore[no-untyped-def]
    return p.at.astimezone(LONDON)


async def test_reflection_follows_a_recurring_meeting_by_five_minutes(bot: Bot) -> None:
    await bot.say("meeting add Team catch-up Mon 10:00-11:00")
    scheduler = bot.scheduler()
    await bot.run(scheduler, bot.clock.now() + timedelta(days=7, hours=6), step_minutes=1)
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert [local(p).strftime("%a %d %H:%M") for p in reflections] == [
        "Mon 05 11:05",
        "Mon 12 11:05",
    ]
    card = reflections[0].reply.card
    assert card is not None and card.title.startswith("Time to reflect. Principle ")
    assert "Team catch-up" in str(card.blocks)
    assert "Pause nudges for 2 weeks" in str(card.blocks)


async def test_a_meeting_in_quiet_hours_is_followed_the_next_working_morning(bot: Bot) -> None:
    await bot.say("meeting add Late one Fri 17:00-18:00")
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 12, 12, 0, tzinfo=UTC), step_minutes=1)
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert [local(p).strftime("%a %d %H:%M") for p in reflections] == ["Mon 12 09:00"]


async def test_at_most_three_nudges_a_day(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    for hour in (10, 11, 12, 13, 14):
        await bot.say(f"meeting add M{hour} Tue {hour}:00-{hour}:30")
    scheduler = bot.scheduler()
    caplog.set_level(logging.INFO, "bot.nudges")
    await bot.run(scheduler, datetime(2026, 1, 6, 17, 0, tzinfo=UTC), step_minutes=1)
    tuesday = [p for p in bot.recorder.posts if local(p).day == 6]
    assert len(tuesday) == 3
    assert caplog.text.count("daily cap reached") == 2
    # `meeting ended` respects the cap too, and says so privately.
    replies = await bot.say("meeting ended")
    assert replies[0].private and "today's nudges" in replies[0].text
    # The next day the count starts again.
    await bot.run(scheduler, datetime(2026, 1, 13, 17, 0, tzinfo=UTC), step_minutes=1)
    assert len([p for p in bot.recorder.posts if local(p).day == 13]) == 3


async def test_pause_expires(bot: Bot) -> None:
    await bot.say("meeting add Daily daily 10:00-10:30")
    replies = await bot.say("nudges pause 2d")
    assert "paused in this channel until Wed 7 Jan, 08:00" in replies[0].text
    assert not replies[0].private
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 8, 17, 0, tzinfo=UTC), step_minutes=2)
    days = [local(p).day for p in bot.recorder.posts if p.kind == "reflection"]
    assert days == [7, 8]  # Mon 5 and Tue 6 skipped while paused


async def test_pause_button_and_resume(bot: Bot) -> None:
    from bot.model import CardAction, User

    await bot.say("meeting add Daily daily 10:00-10:30")
    replies = await bot.core.handle(
        CardAction(bot.ref(), User("sam"), action_id="nudges.pause", value={"for": "2w"})
    )
    assert "until Mon 19 Jan" in replies[0].text
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 6, 17, 0, tzinfo=UTC), step_minutes=2)
    assert bot.recorder.posts == []
    await bot.say("nudges resume")
    await bot.run(scheduler, datetime(2026, 1, 7, 17, 0, tzinfo=UTC), step_minutes=2)
    assert [local(p).day for p in bot.recorder.posts] == [7]


async def test_nudges_off_and_on(bot: Bot) -> None:
    await bot.say("meeting add Daily weekdays 10:00-10:30")
    await bot.say("nudges off")
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 7, 17, 0, tzinfo=UTC), step_minutes=2)
    assert bot.recorder.posts == []
    assert "off" in str((await bot.say("nudges"))[0].card)
    assert (await bot.say("meeting ended"))[0].private
    await bot.say("nudges on")
    await bot.run(scheduler, datetime(2026, 1, 8, 17, 0, tzinfo=UTC), step_minutes=2)
    assert [local(p).day for p in bot.recorder.posts] == [8]


async def test_nudges_shows_settings_and_the_next_five_in_local_time(bot: Bot) -> None:
    await bot.set("timezone", "America/New_York")
    await bot.say("meeting add Stand-up weekdays 09:00-09:15")
    card = (await bot.say("nudges"))[0].card
    assert card is not None
    text = str(card.blocks)
    assert "America/New_York" in text and "Mon–Fri" in text and "17:30–09:00" in text
    # Monday 5 Jan 08:00 UTC is 03:00 in New York: the first nudge is that morning.
    lines = [line for line in card.blocks[1].text.splitlines() if line.startswith("- ")]
    assert lines == [
        '- Mon 5 Jan, 09:20: reflection after "Stand-up"',
        "- Mon 5 Jan, 09:30: principle of the week",
        '- Tue 6 Jan, 09:20: reflection after "Stand-up"',
        '- Wed 7 Jan, 09:20: reflection after "Stand-up"',
        '- Thu 8 Jan, 09:20: reflection after "Stand-up"',
    ]


async def test_meeting_list_and_remove(bot: Bot) -> None:
    await bot.say("meeting add Alpha Mon 10:00-11:00")
    await bot.say("meeting add Beta Tue 10:00-11:00")
    listing = (await bot.say("meeting list"))[0]
    assert listing.private and "Alpha" in listing.card.fallback_text  # type: ignore[union-attr]
    assert "no meeting 9" in (await bot.say("meeting remove 9"))[0].text
    assert "Removed meeting 1: Alpha" in (await bot.say("meeting remove 1"))[0].text
    scheduler = bot.scheduler()
    await bot.run(scheduler, datetime(2026, 1, 7, 0, 0, tzinfo=UTC), step_minutes=5)
    assert [p.kind for p in bot.recorder.posts] == ["weekly", "reflection"]
    assert "Beta" in str(bot.recorder.posts[1].reply.card)


async def test_principle_of_the_week_rotates_one_to_eight(bot: Bot) -> None:
    scheduler = bot.scheduler()
    await bot.say("nudges")  # the bot meets the channel
    await bot.run(scheduler, bot.clock.now() + timedelta(weeks=9), step_minutes=30)
    weekly = [p for p in bot.recorder.posts if p.kind == "weekly"]
    numbers = [int(p.reply.card.title.split(". ")[1].split(":")[0]) for p in weekly]  # type: ignore[union-attr]
    assert numbers == [1, 2, 3, 4, 5, 6, 7, 8, 1]
    assert all(local(p).strftime("%a %H:%M") == "Mon 09:30" for p in weekly)
    assert "Something to try this week" in str(weekly[0].reply.card)


async def test_check_reminder_every_twelve_weeks(bot: Bot) -> None:
    scheduler = bot.scheduler()
    await bot.say("nudges")
    await bot.run(scheduler, bot.clock.now() + timedelta(weeks=25), step_minutes=60)
    checks = [p for p in bot.recorder.posts if p.kind == "check"]
    assert [local(p).date().isoformat() for p in checks] == ["2026-03-30", "2026-06-22"]
    assert "/coprod check" in str(checks[0].reply.card)


@pytest.mark.parametrize(
    "start, change_day",
    [
        (datetime(2026, 3, 26, 12, 0, tzinfo=UTC), "2026-03-29"),
        (datetime(2026, 10, 22, 12, 0, tzinfo=UTC), "2026-10-25"),
    ],
    ids=["march", "october"],
)
async def test_london_clock_changes_lose_and_double_nothing(
    tmp_path: Path, start: datetime, change_day: str
) -> None:
    bot = await make_bot(tmp_path / "db.json", FakeClock(start))
    try:
        await bot.set("nudges.working_days", [0, 1, 2, 3, 4, 5, 6])
        await bot.set("nudges.quiet_hours", "off")
        await bot.set("nudges.daily_cap", 10)
        await bot.set("nudges.weekly_day", 6)
        await bot.set("nudges.weekly_time", "01:30")  # in the gap / the repeated hour
        await bot.say("meeting add Night daily 00:30-01:30")
        await bot.say("meeting add Morning daily 09:00-10:00")
        scheduler = bot.scheduler()
        await bot.run(scheduler, start + timedelta(days=6), step_minutes=1)
        per_day: Counter[tuple[str, str]] = Counter()
        for p in bot.recorder.posts:
            what = (
                "weekly"
                if p.kind == "weekly"
                else ("night" if "Night" in str(p.reply.card) else "morning")
            )
            per_day[(local(p).date().isoformat(), what)] += 1
        days = sorted({d for d, _ in per_day})
        assert len(days) == 6
        for day in days[1:]:
            assert per_day[(day, "night")] == 1, (day, per_day)
            assert per_day[(day, "morning")] == 1, (day, per_day)
        assert per_day[(change_day, "weekly")] == 1
        assert sum(1 for (_, w) in per_day if w == "weekly") == 1
        mornings = {
            local(p).strftime("%H:%M") for p in bot.recorder.posts if "Morning" in str(p.reply.card)
        }
        assert mornings == {"10:05"}
        assert len(set(bot.recorder.ids())) == len(bot.recorder.posts)
    finally:
        await bot.core.store.close()


# ---- restarts -----------------------------------------------------------------------------------


class Confirming(Recorder):
    """An adapter that can say whether a nudge is already in the conversation."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock, replace(NUDGE_CAPABILITIES, confirms_delivery=True))

    async def delivered(
        self, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
    ) -> bool | None:
        return nudge_id in self.ids()


async def test_planned_nudges_survive_a_restart(tmp_path: Path, start: datetime) -> None:
    path = tmp_path / "db.json"
    clock = FakeClock(start)
    first = await make_bot(path, clock)
    await first.say("meeting add Team weekdays 10:00-11:00")
    await first.scheduler().tick()
    await first.core.store.close()
    clock.set(datetime(2026, 1, 5, 11, 20, tzinfo=UTC))  # down over 09:30 and 11:05
    second = await make_bot(path, clock)
    scheduler = second.scheduler()
    await scheduler.tick()
    assert [p.kind for p in second.recorder.posts] == ["weekly", "reflection"]
    await second.run(scheduler, datetime(2026, 1, 6, 12, 0, tzinfo=UTC), step_minutes=5)
    assert [p.kind for p in second.recorder.posts] == ["weekly", "reflection", "reflection"]
    await second.core.store.close()


async def test_nudges_missed_beyond_the_grace_are_skipped_and_logged(
    tmp_path: Path, start: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.json"
    clock = FakeClock(start)
    first = await make_bot(path, clock)
    await first.say("meeting add Team weekdays 10:00-11:00")
    await first.scheduler().tick()
    await first.core.store.close()
    clock.set(datetime(2026, 1, 5, 14, 0, tzinfo=UTC))  # 11:05 and 09:30 are > 2 h ago
    caplog.set_level(logging.INFO, "bot.nudges")
    second = await make_bot(path, clock)
    scheduler = second.scheduler()
    report = await scheduler.tick()
    assert second.recorder.posts == []
    assert sum(report.skipped.values()) == 2
    assert "missed while down" in caplog.text
    await second.run(scheduler, datetime(2026, 1, 6, 12, 0, tzinfo=UTC), step_minutes=5)
    assert [local(p).day for p in second.recorder.posts] == [6]
    await second.core.store.close()


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs (not even `except Exception`)."""


async def _crash_mid_send(path: Path, clock: FakeClock, posted: bool) -> str:
    """Claim the 11:05 slot as a dying process would, with or without the post made."""
    first = await make_bot(path, clock)
    await first.say("meeting add Team Mon 10:00-11:00")
    scheduler = first.scheduler()
    clock.set(datetime(2026, 1, 5, 9, 31, tzinfo=UTC))
    await scheduler.tick()  # the principle of the week goes out normally
    clock.set(datetime(2026, 1, 5, 11, 5, 30, tzinfo=UTC))
    real_send = first.core.send

    async def die(ref, reply):  # type: ignore[no-untyped-def]
        if posted:
            await real_send(ref, reply)
        raise Killed()

    first.core.send = die  # type: ignore[method-assign]
    with pytest.raises(Killed):
        await scheduler.tick()
    docs = await first.core.store.find(TABLE, state=SENDING)
    assert len(docs) == 1
    await first.core.store.close()
    return docs[0]["nudge"]


@pytest.mark.parametrize("posted", [False, True], ids=["before-post", "after-post"])
async def test_a_crash_between_claim_and_mark_posts_exactly_once(
    tmp_path: Path, start: datetime, posted: bool
) -> None:
    path = tmp_path / "db.json"
    clock = FakeClock(start)
    nudge = await _crash_mid_send(path, clock, posted)
    clock.advance(minutes=3)
    second = await make_bot(path, clock)
    confirming = Confirming(clock)
    if posted:  # the platform kept the post the first process made
        card = Card("t", "t", (Buttons((Button("p", PAUSE_ACTION, {"nudge": nudge}),)),))
        confirming.posts.append(Posted(second.ref(), Reply(card=card), clock.now()))
    second.core.register(confirming)  # type: ignore[arg-type]
    scheduler = second.scheduler()
    report = await scheduler.tick()
    assert confirming.ids().count(nudge) == 1
    assert report.recovered == 1
    doc = (await second.core.store.find(TABLE, nudge=nudge))[0]
    assert doc["state"] == "sent"
    await second.core.store.close()


async def test_an_unconfirmable_crash_is_skipped_not_doubled(
    tmp_path: Path, start: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.json"
    clock = FakeClock(start)
    nudge = await _crash_mid_send(path, clock, posted=True)
    clock.advance(minutes=3)
    caplog.set_level(logging.INFO, "bot.nudges")
    second = await make_bot(path, clock)
    await second.scheduler().tick()
    assert nudge not in second.recorder.ids()
    assert "unconfirmed after crash" in caplog.text
    await second.core.store.close()


async def test_replan_after_a_time_zone_change(bot: Bot) -> None:
    from bot.nudges.service import nudges_for

    await bot.say("meeting add Team Mon 10:00-11:00")
    await bot.set("timezone", "Europe/Paris")  # what `admin timezone` will do
    await nudges_for(bot.core).planner.replan_channel(bot.ref(), bot.clock.now())
    await bot.run(bot.scheduler(), datetime(2026, 1, 5, 12, 0, tzinfo=UTC), step_minutes=1)
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert [p.at.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M") for p in reflections] == [
        "11:05"
    ]


async def test_a_tick_takes_a_bounded_batch_and_says_there_is_more(bot: Bot) -> None:
    for channel in ("a", "b", "c", "d", "e"):
        await bot.say("meeting add Stand-up Mon 10:00-10:15", channel=channel)
    scheduler = bot.scheduler(batch=2)
    await scheduler.start()
    bot.clock.set(datetime(2026, 1, 5, 10, 21, tzinfo=UTC))  # all five reflections are due
    reports = [await scheduler.tick()]
    while reports[-1].more:
        reports.append(await scheduler.tick())
    # Five reflections and five principle-of-the-week reminders, two per tick.
    assert [r.due for r in reports[:-1]] == [2, 2, 2, 2, 2]
    assert all(r.more for r in reports[:-1]) and not reports[-1].more
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert sorted(p.ref.channel for p in reflections) == ["a", "b", "c", "d", "e"]
