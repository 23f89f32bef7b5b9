"""`admin reminders`, `admin quiet-hours` and `admin timezone` through the local API: planned
nudges move, reminders stop, bad values show the correct form, every change is audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.nudges.scheduler import Scheduler
from bot.scheduling.slots import PLANNED, expand
from runtime.server import Runtime
from tests.conftest import Chat, all_text

ADA = "ada"  # an admin (COPROD_ADMINS=local:ada in the settings fixture)
MONDAY_9 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # London is on UTC in January


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


async def admin(chat: Chat, text: str, channel: str = "team") -> list[dict[str, Any]]:
    replies = await chat.say(f"/coprod admin {text}", user=ADA, channel=channel)
    assert replies and all(r["visibility"] == "private" for r in replies), replies
    return replies


async def planned(runtime: Runtime, channel: str, kind: str) -> list[datetime]:
    docs = [expand(d) for d in await runtime.core.store.find("nudge_slots", state=PLANNED)]
    return sorted(
        datetime.fromtimestamp(d["due_ts"], UTC)
        for d in docs
        if d["channel_key"] == f"local:local:{channel}" and d["kind"] == kind
    )


async def run(runtime: Runtime, scheduler: Scheduler, until: datetime, step: float = 5) -> list:
    """Tick every `step` minutes of fake time; return (time, card id) of each post."""
    clock = runtime.core.clock
    assert runtime.local is not None
    seen = max((p.seq for p in runtime.local.outbox), default=0)
    posts = []
    while clock.now() < until:
        clock.advance(minutes=step)  # type: ignore[attr-defined]
        await scheduler.tick()
        for post in [p for p in runtime.local.outbox if p.seq > seen]:
            card = post.body.get("card") or {}
            posts.append((clock.now(), post.channel, card.get("id")))
            seen = post.seq
    return posts


async def started(chat: Chat, *channels: str) -> Scheduler:
    for channel in channels:
        await chat.say("/coprod nudges", channel=channel)  # the bot learns the channel
    scheduler = Scheduler(chat.runtime.core)
    await scheduler.start()
    return scheduler


async def test_reminders_move_to_the_new_day_and_time(chat: Chat) -> None:
    runtime = chat.runtime
    scheduler = await started(chat, "team")
    assert await planned(runtime, "team", "weekly") == [datetime(2026, 1, 5, 9, 30, tzinfo=UTC)]

    done = await admin(chat, "reminders Wed 10:00")
    assert "every Wed 10:00 in #team" in all_text(done)
    # The planned slot moved: Wednesday 7 January, 10:00 London.
    assert await planned(runtime, "team", "weekly") == [datetime(2026, 1, 7, 10, 0, tzinfo=UTC)]
    card = all_text(await chat.say("/coprod nudges", channel="team"))
    assert "- Wed 7 Jan, 10:00: principle of the week" in card
    assert "Wed 10:00" in card  # the settings field

    posts = await run(runtime, scheduler, datetime(2026, 1, 8, 12, 0, tzinfo=UTC))
    weekly = [(at, ch) for at, ch, kind in posts if kind == "nudge.weekly"]
    assert weekly == [(datetime(2026, 1, 7, 10, 0, tzinfo=UTC), "team")]

    audit = all_text(await admin(chat, "audit"))
    assert "reminders" in audit and "Mon 09:30" in audit and "Wed 10:00" in audit
    assert "local:ada" in audit


async def test_quiet_hours_move_a_meeting_nudge_to_the_next_working_morning(chat: Chat) -> None:
    runtime = chat.runtime
    await chat.say("/coprod meeting add Retro Mon 16:00-16:25", channel="team")
    scheduler = await started(chat, "team")
    assert await planned(runtime, "team", "reflection") == [
        datetime(2026, 1, 5, 16, 30, tzinfo=UTC)
    ]

    done = await admin(chat, "quiet-hours 16:00-10:00")
    assert "16:00-10:00" in all_text(done)
    assert await planned(runtime, "team", "reflection") == [datetime(2026, 1, 6, 10, 0, tzinfo=UTC)]
    posts = await run(runtime, scheduler, datetime(2026, 1, 6, 11, 0, tzinfo=UTC))
    reflections = [at for at, _ch, kind in posts if kind == "nudge.reflection"]
    assert reflections == [datetime(2026, 1, 6, 10, 0, tzinfo=UTC)]  # not at 16:30 on Monday

    card = all_text(await chat.say("/coprod nudges", channel="team"))
    assert "16:00–10:00" in card
    audit = all_text(await admin(chat, "audit"))
    assert "quiet hours" in audit and "nudges.quiet" not in audit
    assert "17:30-09:00" in audit and "16:00-10:00" in audit


async def test_reminders_off_stops_the_weekly_and_check_reminders(chat: Chat) -> None:
    runtime = chat.runtime
    await chat.say("/coprod meeting add Stand-up daily 11:00-11:15", channel="team")
    scheduler = await started(chat, "team")
    assert await planned(runtime, "team", "weekly")
    assert await planned(runtime, "team", "check")

    done = await admin(chat, "reminders off")
    assert "Turned off the principle of the week" in all_text(done)
    assert await planned(runtime, "team", "weekly") == []
    assert await planned(runtime, "team", "check") == []
    card = all_text(await chat.say("/coprod nudges", channel="team"))
    assert "principle of the week" not in card.split("Next nudges")[1]

    posts = await run(runtime, scheduler, MONDAY_9 + timedelta(weeks=13), step=60)
    kinds = {kind for _at, _ch, kind in posts}
    assert kinds == {"nudge.reflection"}  # reflections carry on; no reminders in 13 weeks

    audit = all_text(await admin(chat, "audit"))
    assert "Mon 09:30" in audit and "off" in audit
    # Back on, at a new time: the next one is planned again.
    await admin(chat, "reminders Tue 14:00")
    assert await planned(runtime, "team", "weekly")


async def test_a_workspace_wide_change_moves_every_channel_but_a_channel_override(
    chat: Chat,
) -> None:
    runtime = chat.runtime
    await started(chat, "team", "design", "ops")
    await admin(chat, "reminders Thu 15:00", channel="ops")  # ops keeps its own
    await admin(chat, "reminders Fri 11:00 --all", channel="team")
    friday = datetime(2026, 1, 9, 11, 0, tzinfo=UTC)
    assert await planned(runtime, "team", "weekly") == [friday]
    assert await planned(runtime, "design", "weekly") == [friday]
    assert await planned(runtime, "ops", "weekly") == [datetime(2026, 1, 8, 15, 0, tzinfo=UTC)]


async def test_a_time_zone_change_moves_planned_nudges(chat: Chat) -> None:
    runtime = chat.runtime
    await started(chat, "team")
    await admin(chat, "timezone America/New_York")
    # 09:30 in New York is 14:30 UTC; Monday 09:30 there is still to come.
    assert await planned(runtime, "team", "weekly") == [datetime(2026, 1, 5, 14, 30, tzinfo=UTC)]


@pytest.mark.parametrize(
    ("typed", "problem", "form"),
    [
        ("reminders Wedn 25:00", "could not read the time", "admin reminders <day> <HH:MM>"),
        ("reminders Someday 10:00", "could not read the days", "admin reminders <day> <HH:MM>"),
        ("reminders Mon-Wed 10:00", "one day", "admin reminders <day> <HH:MM>"),
        ("reminders every week", "could not read", "admin reminders <day> <HH:MM>"),
        ("quiet-hours 18:00", "could not read the times", "admin quiet-hours <HH:MM>-<HH:MM>"),
        ("quiet-hours 18:00-18:00", "could not read the times", "admin quiet-hours"),
    ],
)
async def test_bad_values_show_the_correct_form_and_change_nothing(
    chat: Chat, typed: str, problem: str, form: str
) -> None:
    await started(chat, "team")
    before = await chat.runtime.core.store.find("settings")
    text = all_text(await admin(chat, typed))
    assert problem in text and form in text and "For example" in text
    assert await chat.runtime.core.store.find("settings") == before
    assert "No admin changes" in all_text(await admin(chat, "audit"))


async def test_members_cannot_change_reminders_or_quiet_hours(chat: Chat) -> None:
    await started(chat, "team")
    for typed in ("reminders off", "quiet-hours 12:00-13:00"):
        replies = await chat.say(f"/coprod admin {typed}", user="bob", channel="team")
        assert "only admins" in all_text(replies)
    card = all_text(await chat.say("/coprod nudges", channel="team"))
    assert "17:30–09:00" in card and "Mon 09:30" in card


async def test_the_settings_form_sets_quiet_hours_and_reminders(chat: Chat) -> None:
    runtime = chat.runtime
    await started(chat, "team")
    form = all_text(await admin(chat, "settings"))
    assert "Quiet hours" in form and "Reminder day" in form and "Reminder time" in form
    bad = await chat.click(
        "admin.settings.save",
        {"nudges.quiet_hours": "late", "apply_to": "channel"},
        user=ADA,
        channel="team",
    )
    assert "17:30-09:00" in all_text(bad)  # the example of the correct form
    saved = await chat.click(
        "admin.settings.save",
        {
            "nudges.quiet_hours": "08:00-10:00",
            "nudges.weekly_day": "Tue",
            "nudges.weekly_time": "9:00",
            "apply_to": "channel",
        },
        user=ADA,
        channel="team",
    )
    assert "Quiet hours" in all_text(saved)
    # Tuesday 09:00 is now quiet (08:00-10:00), so the reminder waits until 10:00.
    assert await planned(runtime, "team", "weekly") == [datetime(2026, 1, 6, 10, 0, tzinfo=UTC)]


async def test_members_may_change_their_channels_nudges_and_it_is_recorded(chat: Chat) -> None:
    await started(chat, "team")
    assert "Stand-up" in all_text(
        await chat.say("/coprod meeting add Stand-up daily 09:00-09:15", user="bob", channel="team")
    )
    await chat.say("/coprod nudges pause 3d", user="bob", channel="team")
    await chat.say("/coprod nudges off", user="cleo", channel="team")
    audit = all_text(await admin(chat, "audit"))
    assert "local:bob" in audit and "nudges pause" in audit
    assert "meeting add" not in audit  # public, listed by `meeting list`; not a setting
    assert "local:cleo" in audit and "nudges off" in audit
    assert "paused until 2026-01-08T09:00:00+00:00" in audit
