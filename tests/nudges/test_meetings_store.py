"""Meetings are kept one document per channel: a channel's meetings are one `get`, meetings
from the old layout (one document each) are folded in once, and behaviour is unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.model import ConversationRef, Platform
from bot.nudges import meetings
from bot.nudges.meetings import add_meeting, list_meetings, parse_meeting, remove_meeting
from bot.store import TinyStore

from .conftest import Bot

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def ref(channel: str) -> ConversationRef:
    return ConversationRef(Platform.LOCAL, "local", channel)


async def test_a_channels_meetings_are_read_without_scanning_the_table(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    for c in range(50):
        await add_meeting(store, ref(f"c{c}"), parse_meeting("Stand-up daily 09:00-09:15"), NOW)
    await add_meeting(store, ref("c7"), parse_meeting("Retro Fri 16:00-17:00"), NOW)

    async def no_find(*_args: object, **_where: object) -> list:
        raise AssertionError("find scans the table")

    store.find = no_find  # type: ignore[method-assign]
    found = await list_meetings(store, ref("c7"))
    assert [(m.id, m.name) for m in found] == [("1", "Stand-up"), ("2", "Retro")]
    assert (
        await add_meeting(store, ref("c7"), parse_meeting("Plan Mon 10:00-11:00"), NOW)
    ).id == "3"
    assert (await remove_meeting(store, ref("c7"), "2")).name == "Retro"  # type: ignore[union-attr]
    assert await remove_meeting(store, ref("c7"), "2") is None
    assert [m.id for m in await list_meetings(store, ref("c7"))] == ["1", "3"]
    assert await remove_meeting(store, ref("empty"), "1") is None
    assert await store.get("nudge_meetings", "local:local:empty") is None  # nothing written
    await store.close()


async def test_meetings_in_the_old_layout_are_folded_in_once(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    spec = parse_meeting("Old sync Tue 10:00-11:00")
    legacy = meetings.Meeting(
        "4",
        "local:local:team",
        "local:local",
        spec.name,
        spec.days,
        spec.start,
        spec.end,
        None,
        NOW.isoformat(),
    )
    await store.add("nudge_meetings", "local:local:team|4", legacy.to_doc())
    found = await list_meetings(store, ref("team"))
    assert [(m.id, m.name) for m in found] == [("4", "Old sync")]
    assert await store.get("nudge_meetings", "local:local:team|4") is None
    assert (
        await add_meeting(store, ref("team"), parse_meeting("New Mon 09:00-10:00"), NOW)
    ).id == "5"
    await store.close()


async def test_meeting_commands_behave_as_before(bot: Bot) -> None:
    await bot.say("meeting add Stand-up weekdays 09:00-09:15")
    await bot.say("meeting add Retro Fri 16:00-17:00")
    listed = (await bot.say("meeting list"))[0]
    assert listed.card is not None
    shown = "\n".join(str(b) for b in listed.card.blocks)
    assert "**1.** Stand-up" in shown and "**2.** Retro" in shown
    removed = await bot.say("meeting remove 1")
    assert "Stand-up" in removed[0].text
    again = (await bot.say("meeting remove 1"))[0]
    assert again.text == bot.core.pack.say("nudge.meeting.not_found", id="1")
    assert bot.core.pack.say("nudge.meeting.not_found", id="1") != removed[0].text
