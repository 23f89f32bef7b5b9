"""Issue 15, "scheduling says what it understood", at the wire of the local, Slack and Teams
adapters (the same checks as tests/nudges/test_scheduling_notes.py, read from what the
platform was sent):

- `meeting add` with an end before the start asks whether it runs overnight, with buttons;
- `admin reminders` on a day off or inside quiet hours is accepted with a note of when they
  will really post;
- with quiet hours off, a weekend meeting's reflection waits for the start of the working day
  (Monday 09:00), never midnight;
- the `meeting list` footer names only a meeting that exists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.core import Core
from bot.nudges.meeting import OVERNIGHT_ACTION
from bot.nudges.scheduler import Scheduler

LONDON = ZoneInfo("Europe/London")


class Wire(Protocol):
    """One adapter at the wire. Each method returns every word the platform was sent."""

    core: Core

    async def say(self, text: str) -> str:
        """`text` typed to the bot in the channel by a member."""
        ...

    async def admin(self, text: str) -> str:
        """`text` typed to the bot in the channel by an admin."""
        ...

    async def click(self, action_id: str, value: dict[str, str]) -> str: ...

    async def posts(self) -> str:
        """The bot's own posts in the channel since the last call."""
        ...


async def check_overnight(wire: Wire) -> None:
    asked = await wire.say("meeting add Backwards Wed 16:00-15:00")
    assert "Does it run overnight" in asked, asked
    assert OVERNIGHT_ACTION in asked  # the Yes and No buttons reached the platform
    assert await wire.core.store.find("nudge_meetings") == []
    value = {"text": "Backwards Wed 16:00-15:00"}
    refused = await wire.click(OVERNIGHT_ACTION, {**value, "yes": ""})
    assert "Nothing was added" in refused, refused
    added = await wire.click(OVERNIGHT_ACTION, {**value, "yes": "1"})
    assert "Added meeting 1: Backwards, Wed 16:00–15:00" in added, added
    typed = await wire.say("meeting add Night shift Thu 22:00-02:00 overnight")
    assert "Added meeting 2: Night shift, Thu 22:00–02:00" in typed, typed


async def check_footer(wire: Wire) -> None:
    """Run after `check_overnight` (meetings 1 and 2 exist)."""
    listing = await wire.say("meeting list")
    assert "meeting remove 1" in listing and "meeting remove 3" not in listing, listing
    assert "Removed meeting 1: Backwards" in await wire.say("meeting remove 1")
    listing = await wire.say("meeting list")
    assert "meeting remove 2" in listing and "meeting remove 1" not in listing, listing


async def check_reminder_notes(wire: Wire) -> None:
    saturday = await wire.admin("admin reminders Sat 10:00")
    assert "Sat is not a working day here" in saturday and "Mon 09:00" in saturday, saturday
    night = await wire.admin("admin reminders Wed 03:00")
    assert "03:00 is inside quiet hours here (17:30–09:00)" in night, night
    assert "Wed 09:00" in night
    usual = await wire.admin("admin reminders Tue 10:00")
    assert "working day" not in usual and "quiet hours" not in usual, usual


async def check_weekend_reflection(wire: Wire) -> None:
    """Quiet hours off; a Saturday meeting; the reflection's post reaches the platform on
    Monday at 09:00 London time (the start of the working day), not at Monday 00:00."""
    core = wire.core
    intro = core.pack.say("nudge.reflection.intro")
    talk = core.pack.say("nudge.reflection.intro_talk")
    assert "Turned off quiet hours" in await wire.admin("admin quiet-hours off")
    core.clock.set(datetime(2026, 1, 10, 8, 0, tzinfo=UTC))  # type: ignore[attr-defined]  # Sat
    assert "Added meeting" in await wire.say("meeting add Weekend group Sat 10:00-11:00")
    scheduler = Scheduler(core)
    await scheduler.start()
    await wire.posts()
    seen: list[str] = []
    at = core.clock.now()
    while at < datetime(2026, 1, 12, 11, 0, tzinfo=UTC):
        at += timedelta(minutes=30)
        core.clock.set(at)  # type: ignore[attr-defined]
        await scheduler.tick()
        posted = await wire.posts()
        if intro in posted or talk in posted:
            seen.append(at.astimezone(LONDON).strftime("%a %d %H:%M"))
    assert seen == ["Mon 12 09:00"], seen
