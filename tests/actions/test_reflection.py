"""The after-meeting reflection opens with the channel's open actions ("Last time you agreed:
… Done?") with Done / Not yet buttons, and has a "Make this an action" button; a channel with
no open actions gets the reflection it always got."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.model import Buttons, CardAction, Text, User
from tests.nudges.conftest import Bot, make_bot

MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(MONDAY))
    yield made
    await made.core.store.close()


def texts(card) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.text for b in card.blocks if isinstance(b, Text)]


def button_ids(card) -> list[str]:  # type: ignore[no-untyped-def]
    return [b.action_id for blk in card.blocks if isinstance(blk, Buttons) for b in blk.buttons]


async def test_a_meeting_end_opens_with_the_open_actions(bot: Bot) -> None:
    await bot.say("action add Send the notes in easy read for @sam by Tuesday")
    await bot.say("action add Hire a hall")
    await bot.say("action add Already done")
    await bot.say("action done 3")
    bot.clock.advance(days=2)  # Wednesday: the first is overdue
    [reply] = await bot.say("meeting ended Partners' catch-up")
    card = reply.card
    assert card is not None and card.id == "nudge.reflection"
    shown = texts(card)
    assert shown[0] == "**Last time you agreed:**"
    assert "Send the notes in easy read" in shown[1] and "overdue" in shown[1]
    assert "Hire a hall" in shown[2] and "Already done" not in str(card.blocks)
    ids = button_ids(card)
    assert ids[:4] == ["actions.done", "actions.notyet", "actions.done", "actions.notyet"]
    assert "actions.make" in ids and "nudges.pause" in ids


async def test_without_open_actions_the_reflection_is_unchanged(bot: Bot, tmp_path: Path) -> None:
    other = await make_bot(tmp_path / "other.json", FakeClock(MONDAY))
    try:
        await other.say("action add Something")
        await other.say("action done 1")
        [with_closed] = await other.say("meeting ended")
        [plain] = await bot.say("meeting ended")
        assert with_closed.card is not None and plain.card is not None
        assert "Last time you agreed" not in str(with_closed.card.blocks)
        assert [type(b) for b in with_closed.card.blocks] == [type(b) for b in plain.card.blocks]
    finally:
        await other.core.store.close()


async def test_done_from_the_reflection_closes_the_action(bot: Bot) -> None:
    await bot.say("action add Send the notes")
    [reply] = await bot.say("meeting ended")
    assert reply.card is not None
    done = next(
        b
        for blk in reply.card.blocks
        if isinstance(blk, Buttons)
        for b in blk.buttons
        if b.action_id == "actions.done"
    )
    answer = await bot.core.handle(
        CardAction(bot.ref(), User("kim"), action_id=done.action_id, value=done.value)
    )
    assert "Action 1 is done" in answer[0].text and not answer[0].private
    bot.clock.advance(minutes=30)
    [again] = await bot.say("meeting ended")  # a later meeting: nothing open any more
    assert again.card is not None and "Last time you agreed" not in str(again.card.blocks)


async def test_a_scheduled_reflection_after_a_meeting_opens_with_them(bot: Bot) -> None:
    await bot.say("meeting add Catch-up Mon 10:30-11:00")
    await bot.say("action add Send the notes for @sam")
    scheduler = bot.scheduler()
    await scheduler.start()
    await bot.run(scheduler, MONDAY + timedelta(hours=2))
    reflections = [p for p in bot.recorder.posts if p.kind == "reflection"]
    assert len(reflections) == 1
    card = reflections[0].reply.card
    assert card is not None and texts(card)[0] == "**Last time you agreed:**"


async def test_an_asked_reflection_is_not_after_a_meeting(bot: Bot) -> None:
    await bot.say("action add Send the notes")
    [reply] = await bot.say("reflect 4")
    assert reply.card is not None and "Last time you agreed" not in str(reply.card.blocks)
    assert "actions.make" in button_ids(reply.card)
