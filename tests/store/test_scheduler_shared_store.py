"""Two schedulers on one PostgreSQL database, in one process with a FakeClock: what one
replica plans or moves falls due on the other too (the periodic refresh of due slots)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FakeClock
from bot.core import Core
from bot.model import Command, ConversationRef, Platform, User
from bot.nudges.scheduler import Scheduler
from bot.nudges.service import nudges_for
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store.postgres import PostgresStore
from runtime.features import FEATURES
from tests.nudges.conftest import Recorder

REF = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")


class Replica:
    def __init__(self, core: Core, recorder: Recorder) -> None:
        self.core, self.recorder = core, recorder
        self.scheduler = Scheduler(core)

    async def say(self, text: str) -> None:
        await self.core.handle(Command(REF, User("alex", "alex"), text=text))


@pytest.fixture
async def replicas(postgres_url: str) -> AsyncIterator[tuple[Replica, Replica, FakeClock]]:
    clock = FakeClock(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))  # Monday 08:00 in London
    made = []
    for _ in range(2):
        store = await PostgresStore(postgres_url).open()
        settings = load_settings(COPROD_DB=postgres_url, COPROD_TIMEZONE="Europe/London")
        core = Core(
            settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES
        )
        recorder = Recorder(clock)
        core.register(recorder)  # type: ignore[arg-type]
        made.append(Replica(core, recorder))
    yield made[0], made[1], clock
    for replica in made:
        await replica.core.store.close()


async def test_a_slot_planned_by_one_replica_falls_due_on_another(
    replicas: tuple[Replica, Replica, FakeClock],
) -> None:
    a, b, clock = replicas
    assert b.scheduler.refresh_every == timedelta(seconds=30)  # on by default on PostgreSQL
    await a.scheduler.start()
    await b.scheduler.start()  # b's heap is empty: nothing is planned yet
    for replica in (a, b):  # no reconciling: only the refresh can tell b
        replica.scheduler.reconcile_every = timedelta(days=365)
    await a.say("meeting add Stand-up Mon 10:00-10:15")  # planned in a's heap only
    for _ in range(3 * 60):  # a is down; b ticks every minute until 11:00
        clock.advance(minutes=1)
        await b.scheduler.tick()
    [posted] = [p for p in b.recorder.posts if p.kind == "reflection"]
    assert posted.at == datetime(2026, 1, 5, 10, 20, tzinfo=UTC)
    # b planned the next one; a, coming back, finds it (and posts nothing twice).
    clock.set(datetime(2026, 1, 12, 10, 20, tzinfo=UTC))
    await a.scheduler.tick()
    clock.advance(minutes=1)
    await a.scheduler.tick()
    await b.scheduler.tick()
    reflections = [p for p in a.recorder.posts + b.recorder.posts if p.kind == "reflection"]
    assert sorted(p.at.day for p in reflections) == [5, 12]
    assert [p.at.day for p in a.recorder.posts if p.kind == "reflection"] == [12]


async def test_a_slot_moved_out_of_quiet_hours_stays_on_the_heap(
    replicas: tuple[Replica, Replica, FakeClock],
) -> None:
    a, _b, clock = replicas
    await a.scheduler.start()
    await a.say("meeting add Late Mon 18:00-18:30")  # planned for the next working morning
    slots = nudges_for(a.core).slots
    [doc] = await slots.find(state="planned", kind="reflection")
    # Quiet hours change after planning, without a replan: the tick moves the slot.
    await a.core.store.update(
        "nudge_slots", doc["_key"], {"due": "2026-01-05T18:35:00+00:00", "due_ts": 1767638100.0}
    )
    slots._heap.clear()  # the heap as a start-up after that change would build it
    slots.push(1767638100.0, doc["_key"])
    clock.set(datetime(2026, 1, 5, 18, 36, tzinfo=UTC))
    report = await a.scheduler.tick()
    assert report.replanned == 1 and not a.recorder.posts
    a.scheduler.refresh_every = None  # only this process's heap now: no refresh,
    a.scheduler.reconcile_every = timedelta(days=365)  # no reconciling
    clock.set(datetime(2026, 1, 6, 9, 1, tzinfo=UTC))
    await a.scheduler.tick()
    assert [p.at for p in a.recorder.posts] == [datetime(2026, 1, 6, 9, 1, tzinfo=UTC)]
