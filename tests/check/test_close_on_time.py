"""A round closes on its own at the time it was given, through the nudge scheduler's one-off
slots: the closing post goes out exactly once across restarts, crashes and PostgreSQL replicas,
whatever the nudge settings say."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.core import Core
from bot.model import CardAction, ConversationRef, Reply, User
from bot.nudges.scheduler import Scheduler
from bot.nudges.service import nudges_for
from bot.prompts import load_pack
from bot.scheduling.slots import SENDING, SKIPPED
from bot.settings import load_settings
from bot.store.postgres import PostgresStore
from runtime.features import FEATURES
from tests.nudges.conftest import NUDGE_CAPABILITIES, Bot, Posted, Recorder, make_bot

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # Monday 09:00 in London
CLOSES = START + timedelta(days=7)
PEOPLE = ("ann", "bob", "cat", "dan", "eve")
SLOTS = "nudge_slots"


def closing_posts(posts: list[Reply]) -> list[Reply]:
    words = ("has closed on its own",)
    found = []
    for reply in posts:
        text = reply.text or (reply.card.fallback_text if reply.card else "")
        if any(w in text for w in words):
            found.append(reply)
    return found


async def open_and_answer(bot: Bot, people: tuple[str, ...] = PEOPLE) -> None:
    await bot.say("check", user="ada")
    for person in people:
        replies = await bot.say("check answer 2 3 1 4 0 2 3 1", user=person)
        assert "Thank you" in replies[0].text, replies


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(START))
    yield made
    await made.core.store.close()


async def test_the_round_closes_and_posts_once_at_its_time(bot: Bot) -> None:
    scheduler = bot.scheduler()
    await scheduler.start()
    await open_and_answer(bot)
    await bot.run(scheduler, CLOSES - timedelta(minutes=2))
    assert not closing_posts([p.reply for p in bot.recorder.posts])
    await bot.run(scheduler, CLOSES + timedelta(hours=2))
    [post] = closing_posts([p.reply for p in bot.recorder.posts])
    assert post.card is not None and "Check 1 has closed on its own" in post.card.fallback_text
    assert post.key  # the id delivery confirmation looks for
    [rnd] = await bot.core.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["closed_by"] == "time" and rnd["answered"] == 5


async def test_nudge_settings_do_not_hold_the_closing_back(bot: Bot) -> None:
    await bot.say("nudges off", user="ada")
    await bot.set("nudges.quiet_hours", "00:00-23:59")
    await bot.set("nudges.daily_cap", 0)
    scheduler = bot.scheduler()
    await scheduler.start()
    await open_and_answer(bot)
    # A time zone change replans the nudges: the closing slot is not a nudge and stays.
    await bot.say("admin timezone Europe/Paris", user="ada")
    await bot.run(scheduler, CLOSES + timedelta(minutes=2))
    assert len(closing_posts([p.reply for p in bot.recorder.posts])) == 1


async def test_a_restart_before_the_closing_time_still_closes_it_once(
    tmp_path: Path,
) -> None:
    path, clock = tmp_path / "db.json", FakeClock(START)
    first = await make_bot(path, clock)
    await open_and_answer(first)
    await first.core.store.close()
    clock.set(CLOSES + timedelta(hours=30))  # down over the closing time
    second = await make_bot(path, clock)
    scheduler = second.scheduler()
    await scheduler.tick()
    await second.run(scheduler, clock.now() + timedelta(hours=1), step_minutes=5)
    assert len(closing_posts([p.reply for p in second.recorder.posts])) == 1
    await second.core.store.close()


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs."""


class Confirming(Recorder):
    """An adapter that can say whether a post carrying an id is in the conversation."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock, replace(NUDGE_CAPABILITIES, confirms_delivery=True))

    async def delivered(
        self, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
    ) -> bool | None:
        return any(p.reply.key == nudge_id for p in self.posts)


async def _crash_while_posting(path: Path, clock: FakeClock, *, posted: bool) -> None:
    first = await make_bot(path, clock)
    await open_and_answer(first)
    scheduler = first.scheduler()
    await scheduler.start()
    real_send = first.core.send

    async def die(ref: ConversationRef, reply: Reply) -> str | None:
        if posted:
            await real_send(ref, reply)
        raise Killed()

    first.core.send = die  # type: ignore[method-assign]
    clock.set(CLOSES + timedelta(seconds=30))
    with pytest.raises(Killed):
        await scheduler.tick()
    assert len(await first.core.store.find(SLOTS, state=SENDING)) == 1
    await first.core.store.close()


@pytest.mark.parametrize("posted", [False, True], ids=["before-post", "after-post"])
async def test_a_crash_while_posting_posts_exactly_once(tmp_path: Path, posted: bool) -> None:
    path, clock = tmp_path / "db.json", FakeClock(START)
    await _crash_while_posting(path, clock, posted=posted)
    clock.advance(minutes=3)
    second = await make_bot(path, clock)
    confirming = Confirming(clock)
    second.core.register(confirming)  # type: ignore[arg-type]
    if posted:  # the platform kept the post the first process made
        [slot] = await second.core.store.find(SLOTS, state=SENDING)
        confirming.posts.append(_posted(second, slot["nudge"], clock))
    report = await second.scheduler().tick()
    assert report.recovered == 1
    assert len(closing_posts([p.reply for p in confirming.posts])) == 1
    [rnd] = await second.core.store.find("check_rounds")
    assert rnd["status"] == "closed"
    await second.core.store.close()


def _posted(bot: Bot, key: str, clock: FakeClock) -> Posted:
    text = "Check 1 has closed on its own, as planned when it started: 5 answered."
    return Posted(bot.ref(), Reply(text=text, key=key), clock.now())


async def test_a_crash_an_adapter_cannot_confirm_is_not_doubled_and_the_round_closes(
    tmp_path: Path,
) -> None:
    path, clock = tmp_path / "db.json", FakeClock(START)
    await _crash_while_posting(path, clock, posted=True)
    clock.advance(minutes=3)
    second = await make_bot(path, clock)  # its adapter cannot tell what was posted
    await second.scheduler().tick()
    assert not closing_posts([p.reply for p in second.recorder.posts])
    [slot] = [s for s in await second.core.store.find(SLOTS) if "|check_close|" in s["_key"]]
    assert slot["state"] == SKIPPED and slot["reason"] == "unconfirmed after crash"
    [rnd] = await second.core.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["answered"] == 5
    assert await second.core.store.count("check_answers") == 0
    await second.core.store.close()


# ---- two replicas on one PostgreSQL database --------------------------------------------------


@pytest.fixture
async def replicas(postgres_url: str) -> AsyncIterator[list[tuple[Core, Recorder]]]:
    clock = FakeClock(START)
    made = []
    for _ in range(2):
        store = await PostgresStore(postgres_url).open()
        settings = load_settings(COPROD_DB=postgres_url, COPROD_ADMINS="local:ada")
        core = Core(
            settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES
        )
        recorder = Recorder(clock)
        core.register(recorder)  # type: ignore[arg-type]
        made.append((core, recorder))
    yield made
    for core, _ in made:
        await core.store.close()


async def test_two_replicas_close_the_round_once(replicas: list[tuple[Core, Recorder]]) -> None:
    (a, a_posts), (b, b_posts) = replicas
    clock = a.clock
    assert isinstance(clock, FakeClock)
    schedulers = [Scheduler(a), Scheduler(b)]
    for scheduler in schedulers:
        await scheduler.start()
    bot_a = Bot(a, clock, a_posts, Path())
    await open_and_answer(bot_a)  # planned on a only: b finds it by its periodic refresh
    for _ in range(3):
        clock.advance(minutes=1)
        await asyncio.gather(*(s.tick() for s in schedulers))
    clock.set(CLOSES - timedelta(seconds=20))
    for _ in range(6):
        clock.advance(seconds=30)
        await asyncio.gather(*(s.tick() for s in schedulers))
    posts = closing_posts([p.reply for p in a_posts.posts + b_posts.posts])
    assert len(posts) == 1
    [rnd] = await a.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["answered"] == 5
    # A person trying to close it on the other replica finds nothing open.
    ref = bot_a.ref()
    late = await b.handle(
        CardAction(ref, User("ada", "Ada"), action_id="check.close", value={"round": rnd["_key"]})
    )
    assert "no check open" in late[0].text
    assert nudges_for(b) is not nudges_for(a)


async def test_a_round_opened_on_one_replica_is_closed_by_another(
    replicas: list[tuple[Core, Recorder]],
) -> None:
    (a, a_posts), (b, b_posts) = replicas
    clock = a.clock
    assert isinstance(clock, FakeClock)
    other = Scheduler(b)
    await other.start()  # before the round exists: only the refresh can tell it
    await open_and_answer(Bot(a, clock, a_posts, Path()))
    clock.set(CLOSES - timedelta(seconds=20))
    for _ in range(4):  # a is down; b ticks every 30 seconds
        clock.advance(seconds=30)
        await other.tick()
    assert len(closing_posts([p.reply for p in b_posts.posts])) == 1
    assert not a_posts.posts
