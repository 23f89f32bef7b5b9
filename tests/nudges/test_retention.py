"""Finished slots are pruned after the retention window, during ticks, a day at a time; a
pruned occurrence is never planned again; planned slots are stored slim."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FakeClock
from bot.scheduling.slots import PLANNED, SENT, TABLE, expand
from tests.nudges.conftest import Bot, make_bot


async def test_finished_slots_are_pruned_after_the_retention(bot: Bot) -> None:
    await bot.say("meeting add Stand-up daily 09:00-09:15")
    scheduler = bot.scheduler(retention=timedelta(days=3))
    await scheduler.start()
    await bot.run(scheduler, bot.clock.now() + timedelta(days=2), step_minutes=15)
    sent = await bot.core.store.find(TABLE, state=SENT)
    assert len(sent) == 3  # Mon, Tue (reflections) and Monday's principle of the week
    assert {d["done"] for d in sent} == {"2026-01-05", "2026-01-06"}
    await bot.run(scheduler, bot.clock.now() + timedelta(days=5), step_minutes=15)
    left = [expand(d) for d in await bot.core.store.find(TABLE, state=SENT)]
    cutoff = (bot.clock.now() - timedelta(days=3)).date().isoformat()
    assert left and all(d["done"] >= cutoff for d in left)  # older ones are gone
    # Mon–Fri reflections and one weekly (the weekend ones wait for Monday): nothing doubled
    assert len(bot.recorder.posts) == 6


async def test_a_pruned_occurrence_is_never_planned_again(tmp_path: Path, start: datetime) -> None:
    clock = FakeClock(start)
    bot = await make_bot(tmp_path / "db.json", clock)
    await bot.set("nudges.grace_minutes", 7 * 24 * 60)  # a week of grace
    await bot.say("meeting add Stand-up daily 09:00-09:15")
    scheduler = bot.scheduler(retention=timedelta(days=3))
    await scheduler.start()
    await bot.run(scheduler, start + timedelta(days=6), step_minutes=30)
    posted = len(bot.recorder.posts)
    # A restart where the open slot is lost (as after a crash before the next was planned):
    # the planner may look back a week (the grace), but never past the retention.
    for doc in await bot.core.store.find(TABLE, state=PLANNED):
        await bot.core.store.delete(TABLE, doc["_key"])
    await bot.core.store.close()
    again = await make_bot(tmp_path / "db.json", clock)
    restarted = again.scheduler(retention=timedelta(days=3))
    await restarted.start()
    await again.run(restarted, clock.now() + timedelta(minutes=30), step_minutes=5)
    days = [p.at.date() for p in again.recorder.posts]
    assert len(days) <= 3 and all(d >= (clock.now() - timedelta(days=3)).date() for d in days)
    slots = [expand(d) for d in await again.core.store.find(TABLE)]
    assert len({d["_key"] for d in slots}) == len(slots)
    assert posted >= 6
    await again.core.store.close()


async def test_planned_slots_store_only_what_cannot_be_derived(bot: Bot) -> None:
    await bot.say("meeting add Retro Fri 16:00-17:00")
    docs = await bot.core.store.find(TABLE, state=PLANNED)
    assert docs and all(set(d) == {"_key", "scope", "nominal", "due_ts", "state"} for d in docs)
    full = expand(docs[0])
    assert full["channel_key"] == "local:local:general" and full["due"]


def test_expand_derives_from_the_key_and_ignores_a_stale_due() -> None:
    old_layout = {
        "_key": "local:local:general|reflection|m2|2026-01-05",
        "due": "2026-01-05T17:35:00+00:00",  # before a quiet-hours move that wrote only due_ts
        "due_ts": datetime(2026, 1, 6, 9, 0, tzinfo=UTC).timestamp(),
        "state": PLANNED,
    }
    full = expand(old_layout)
    assert full["due"] == "2026-01-06T09:00:00+00:00"
    assert full["channel_key"] == "local:local:general"
    assert (full["kind"], full["source"], full["occurrence"]) == ("reflection", "m2", "2026-01-05")
    assert full["source_id"] == "local:local:general|reflection|m2"
