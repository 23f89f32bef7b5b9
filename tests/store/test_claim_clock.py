"""Claims on PostgreSQL are timed by the database's clock (issue 13, defect 3): a replica whose
own clock runs 2 minutes ahead cannot take a claim another replica holds, and a claim that
really timed out is still recovered (once)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from adapters.fake import FakeAdapter
from bot.adapter import Capabilities
from bot.clock import FakeClock
from bot.core import Core
from bot.model import Command, ConversationRef, Platform, Reply, User
from bot.nudges.scheduler import Scheduler
from bot.nudges.service import nudges_for
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store.postgres import PostgresStore
from runtime.features import FEATURES

REF = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
SETUP = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # Monday, before the 09:00-09:30 meeting
START = datetime(2026, 1, 5, 9, 36, tzinfo=UTC)  # its reflection fell due at 09:35


@dataclass
class Platform_:
    """What people see: every post, from whichever replica made it."""

    posts: list[tuple[str, str]] = field(default_factory=list)  # (replica, nudge id)


class Slow(FakeAdapter):
    """A replica's fake adapter that can confirm delivery (as Slack can) from what people see
    (`platform_`, shared by the replicas); `gate`, when set, holds each send until the test
    opens it (a slow platform)."""

    def __init__(self, name: str, platform_: Platform_) -> None:
        super().__init__(Capabilities(confirms_delivery=True))
        self.name = name
        self.platform_ = platform_
        self.gate: asyncio.Event | None = None
        self.started = 0

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        self.started += 1
        if self.gate is not None:
            await self.gate.wait()
        sent = await super().send(ref, reply)
        if sent is not None:
            self.platform_.posts.append((self.name, reply.key or ""))
        return sent

    async def delivered(
        self, ref: ConversationRef, key: str, *, since: datetime | None = None
    ) -> bool | None:
        return any(n == key for _, n in self.platform_.posts)


@pytest.fixture
async def replicas(
    postgres_url: str,
) -> AsyncIterator[tuple[tuple[Core, Slow], tuple[Core, Slow]]]:
    seen = Platform_()
    made = []
    for name in ("a", "b"):  # b's clock will run 2 minutes ahead
        store = await PostgresStore(postgres_url).open()
        settings = load_settings(COPROD_DB=postgres_url, COPROD_TIMEZONE="UTC")
        clock = FakeClock(SETUP)
        core = Core(
            settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES
        )
        adapter = Slow(name, seen)
        core.register(adapter)
        made.append((core, adapter))
    a_core = made[0][0]
    for setting, value in (  # only the meeting's reflection falls due this morning
        ("nudges.working_days", [0, 1, 2, 3, 4, 5, 6]),
        ("nudges.weekly_time", "23:59"),
        ("nudges.check_every_weeks", 0),
    ):
        await a_core.channel_settings.set(REF, setting, value, channel=False)
    add = Command(REF, User("alex"), text="meeting add M daily 09:00-09:30")
    replies = await a_core.handle(add)
    assert "Added meeting" in replies[0].text, replies
    for (core, _), ahead in zip(made, (0, 120), strict=True):
        assert isinstance(core.clock, FakeClock)
        core.clock.set(START + timedelta(seconds=ahead))
    yield made[0], made[1]
    for core, _ in made:
        await core.store.close()


async def test_a_replica_whose_clock_is_two_minutes_ahead_cannot_steal_a_live_claim(
    replicas: tuple[tuple[Core, Slow], tuple[Core, Slow]],
) -> None:
    (a, a_out), (b, b_out) = replicas
    a_out.gate = asyncio.Event()  # a's post is slow: a holds the claim meanwhile
    first = Scheduler(a, claim_timeout=timedelta(seconds=60))
    second = Scheduler(b, claim_timeout=timedelta(seconds=60))
    await first.start()
    sending = asyncio.create_task(first.tick())
    for _ in range(500):
        if a_out.started:
            break
        await asyncio.sleep(0.01)
    assert a_out.started == 1  # a claimed the nudge and is posting it
    await second.start()  # b indexes the claimed slot
    for _ in range(3):  # b ticks a few times while a's claim is 1-2 s old (real time)
        await second.tick()
        await asyncio.sleep(0.1)
    assert b_out.started == 0, "b took a live claim"
    a_out.gate.set()
    assert (await sending).sent == 1
    assert [who for who, _ in a_out.platform_.posts] == ["a"]


async def test_a_claim_that_really_timed_out_is_recovered_once_by_the_database_clock(
    replicas: tuple[tuple[Core, Slow], tuple[Core, Slow]],
) -> None:
    (a, a_out), (b, b_out) = replicas
    a_out.gate = asyncio.Event()  # a hangs for good (as a frozen process would)
    first = Scheduler(a, claim_timeout=timedelta(seconds=1))
    second = Scheduler(b, claim_timeout=timedelta(seconds=1))
    await second.start()  # before a's claim: b finds it through its periodic refresh
    await first.start()
    hung = asyncio.create_task(first.tick())
    for _ in range(500):
        if a_out.started:
            break
        await asyncio.sleep(0.01)
    assert isinstance(b.clock, FakeClock)
    b.clock.advance(seconds=31)  # time for b's refresh (every 30 s on PostgreSQL)
    assert (await second.tick()).recovered == 0  # not yet: the database says under 1 s old
    await asyncio.sleep(1.2)  # the claim is now older than 1 s on the database's clock
    b.clock.advance(seconds=1.2)  # b's own clock moves as well (its heap keeps its time)
    report = await second.tick()
    assert report.recovered == 1 and report.sent == 1, report
    assert [who for who, _ in b_out.platform_.posts] == ["b"]
    hung.cancel()
    [slot] = await nudges_for(b).slots.find(state="sent", kind="reflection")
    assert slot["attempts"] == 2
