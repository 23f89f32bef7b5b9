"""Rounds left by the version before results were kept at close: an open round without a
closing time gets one, and a closed round that kept its answers is settled on first read."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from tests.nudges.conftest import Bot, make_bot

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KEY = "local:local:general#1"


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(START))
    await made.say("principles")  # the channel is known, as it would be
    yield made
    await made.core.store.close()


async def old_round(bot: Bot, status: str, answers: list[str], opened: datetime) -> None:
    store = bot.core.store
    doc = {"scope": "local:local", "channel": "general", "seq": 1, "status": status}
    doc.update(opened=opened.isoformat(), owner="", channel_name="general")
    if status == "closed":
        doc["closed"] = (opened + timedelta(days=1)).isoformat()
    await store.put("check_rounds", KEY, doc)
    for scores in answers:
        answer = {"round": KEY, "scope": "local:local", "channel": "general", "role": ""}
        answer.update(scores=[int(s) for s in scores.split()], day=opened.date().isoformat())
        await store.put("check_answers", secrets.token_hex(12), answer)


async def test_an_old_open_round_gets_a_closing_time_and_closes_on_it(bot: Bot) -> None:
    await old_round(bot, "open", ["3 3 3 3 3 3 3 3"] * 5, START - timedelta(days=2))
    status = await bot.say("check results")
    assert "when it closes (Saturday 7 March at 09:00)" in status[0].text
    scheduler = bot.scheduler()
    await bot.run(scheduler, START + timedelta(days=5, minutes=5), step_minutes=30)
    [post] = [
        p
        for p in bot.recorder.posts
        if p.reply.card and "closed on its own" in (p.reply.card.fallback_text)
    ]
    [rnd] = await bot.core.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["answered"] == 5
    assert post.at >= datetime(2026, 3, 7, 9, 0, tzinfo=UTC)


async def test_an_old_open_round_past_its_time_closes_at_once(bot: Bot) -> None:
    await old_round(bot, "open", ["3 3 3 3 3 3 3 3"], START - timedelta(days=40))
    status = await bot.say("check results")
    assert "when it closes (Monday 2 March at 09:00)" in status[0].text
    await bot.run(bot.scheduler(), START + timedelta(minutes=2))
    [rnd] = await bot.core.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["answered"] == 1 and rnd["results"] is None


async def test_an_old_closed_round_is_settled_on_first_read(bot: Bot) -> None:
    await old_round(bot, "closed", ["2 2 2 2 2 2 2 2"] * 6, START - timedelta(days=9))
    replies = await bot.say("check results")
    assert replies[0].card is not None and "6 answers" in replies[0].card.fallback_text + str(
        replies[0].card.blocks
    )
    store = bot.core.store
    assert await store.count("check_answers") == 0  # totals only, from now on
    [rnd] = await store.find("check_rounds")
    assert rnd["answered"] == 6 and rnd["minimum"] == 5
    again = await bot.say("check results")
    assert again[0].card == replies[0].card


async def test_an_old_closed_round_below_the_minimum_loses_its_answers(bot: Bot) -> None:
    await old_round(bot, "closed", ["4 4 4 4 4 4 4 4"] * 3, START - timedelta(days=9))
    replies = await bot.say("report")
    assert "no check results" in replies[0].text
    assert await bot.core.store.count("check_answers") == 0
    [rnd] = await bot.core.store.find("check_rounds")
    assert rnd["answered"] == 3 and rnd["results"] is None
