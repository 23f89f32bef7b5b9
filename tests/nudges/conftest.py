"""Fixtures for nudge tests: the shared `FakeBot` (a core on a temp TinyDB store, a FakeClock and
the fake adapter), with the nudges' own helpers: settings, schedulers, runs of fake time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.fake import FakeAdapter, Post
from bot.adapter import Capabilities
from bot.clock import FakeClock
from bot.core import Core
from bot.nudges.scheduler import Scheduler
from bot.settings import load_settings
from tests.fakebot import FakeBot, open_fake_bot

# What the nudge tests' platform offers: private replies in the conversation and threads; no
# card replacement (tallies come as follow-ups), no delivery confirmation, no rate limit.
NUDGE_CAPABILITIES = Capabilities(ephemeral=True, threads=True)


@dataclass
class Posted(Post):
    """A proactive post, and which nudge kind it was (from its card id)."""

    @property
    def kind(self) -> str:
        return self.reply.card.id.removeprefix("nudge.") if self.reply.card else ""


class Recorder(FakeAdapter):
    """The fake adapter of the nudge tests: records every proactive post with the clock's time."""

    post_type = Posted
    posts: list[Posted]  # type: ignore[assignment]

    def __init__(self, clock: FakeClock, capabilities: Capabilities = NUDGE_CAPABILITIES) -> None:
        super().__init__(capabilities, clock=clock)

    def ids(self) -> list[str | None]:
        return [p.reply.key for p in self.posts]

    def in_channel(self, channel: str) -> list[Posted]:
        return [p for p in self.posts if p.ref.channel == channel]


class Bot(FakeBot):
    """`FakeBot` made as `Bot(core, clock, recorder, path)` (as the nudge tests make one)."""

    def __init__(self, core: Core, clock: FakeClock, recorder: Recorder, path: Path) -> None:
        super().__init__(core, recorder, clock, core.store)
        self.path = path

    @property
    def recorder(self) -> Recorder:
        assert isinstance(self.adapter, Recorder)
        return self.adapter

    async def set(self, name: str, value: Any, channel: str = "general") -> None:
        await self.core.channel_settings.set(self.ref(channel), name, value)

    def scheduler(self, **options: Any) -> Scheduler:
        return Scheduler(self.core, **options)

    async def run(self, scheduler: Scheduler, until: datetime, step_minutes: float = 1) -> None:
        """Tick every `step_minutes` of fake time until `until`."""
        while self.clock.now() < until:
            self.clock.advance(minutes=step_minutes)
            await scheduler.tick()


async def make_bot(
    path: Path, clock: FakeClock, timezone: str = "Europe/London", recorder: Recorder | None = None
) -> Bot:
    settings = load_settings(COPROD_DB=str(path), COPROD_TIMEZONE=timezone)
    made = await open_fake_bot(settings, path, clock, adapter=recorder or Recorder(clock))
    assert isinstance(made.adapter, Recorder)
    return Bot(made.core, clock, made.adapter, path)


@pytest.fixture
def start() -> datetime:
    """Monday 5 January 2026, 08:00 UTC (08:00 in London)."""
    return datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
async def bot(tmp_path: Path, start: datetime) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path / "db.json", FakeClock(start))
    yield made
    await made.core.store.close()
