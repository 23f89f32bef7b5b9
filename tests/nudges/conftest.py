"""Fixtures for nudge tests: a core on a temp TinyDB store, a FakeClock and a recording adapter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.adapter import Adapter, Capabilities
from bot.clock import FakeClock
from bot.core import Core
from bot.model import Command, ConversationRef, Platform, Reply, User
from bot.nudges.scheduler import Scheduler
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES


@dataclass
class Posted:
    ref: ConversationRef
    reply: Reply
    at: datetime

    @property
    def kind(self) -> str:
        return self.reply.card.id.removeprefix("nudge.") if self.reply.card else ""


@dataclass
class Recorder(Adapter):
    """The test double adapter: records every proactive post with the clock's time."""

    clock: FakeClock
    platform: Platform = Platform.LOCAL
    capabilities: Capabilities = field(default_factory=Capabilities)
    posts: list[Posted] = field(default_factory=list)

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        self.posts.append(Posted(ref, reply, self.clock.now()))
        return str(len(self.posts))

    def ids(self) -> list[str | None]:
        return [p.reply.key for p in self.posts]

    def in_channel(self, channel: str) -> list[Posted]:
        return [p for p in self.posts if p.ref.channel == channel]


@dataclass
class Bot:
    core: Core
    clock: FakeClock
    recorder: Recorder
    path: Path

    def ref(self, channel: str = "general") -> ConversationRef:
        return ConversationRef(Platform.LOCAL, "local", channel, channel_name=channel)

    async def say(self, text: str, *, channel: str = "general", user: str = "alex") -> list[Reply]:
        return await self.core.handle(Command(self.ref(channel), User(user, user), text=text))

    async def set(self, name: str, value: Any, channel: str = "general") -> None:
        await self.core.channel_settings.set(self.ref(channel), name, value)

    def scheduler(self, **options: Any) -> Scheduler:
        return Scheduler(self.core, **options)

    async def run(self, scheduler: Scheduler, until: datetime, step_minutes: float = 1) -> None:
        """Tick every `step_minutes` of fake time until `until`."""
        while self.clock.now() < until:
            self.clock.advance(minutes=step_minutes)
            await scheduler.tick()


async def make_bot(path: Path, clock: FakeClock, timezone: str = "Europe/London") -> Bot:
    store = await TinyStore(path).open()
    settings = load_settings(COPROD_DB=str(path), COPROD_TIMEZONE=timezone)
    core = Core(settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES)
    recorder = Recorder(clock)
    core.register(recorder)  # type: ignore[arg-type]
    return Bot(core, clock, recorder, path)


@pytest.fixture
def start() -> datetime:
    """Monday 5 January 2026, 08:00 UTC (08:00 in London)."""
    return datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
async def bot(tmp_path: Path, start: datetime) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(start))
    yield made
    await made.core.store.close()
