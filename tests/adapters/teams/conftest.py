"""Teams fixtures: a fake connector, the runtime serving /api/messages, and activity loaders."""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.teams.adapter import TeamsAdapter
from adapters.teams.retry import RetryPolicy
from bot.clock import FakeClock
from bot.model import Platform
from bot.settings import Settings
from runtime.server import Runtime, build, close, serving
from tests.conftest import free_port

from .fake_connector import FakeConnector

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "teams"
BOT_ID = "28:coprod-bot"


def load_activity(name: str, service_url: str) -> dict[str, Any]:
    text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text.replace("SERVICE_URL", service_url))


@dataclass
class Teams:
    """Posts activities to the running bot like the Bot Framework service does. Each
    `activity(name)` is a new activity: the fixture's id the first time, then that id with a
    suffix (Teams gives every activity its own id, and the bot handles an id once)."""

    base: str
    session: aiohttp.ClientSession
    runtime: Runtime
    connector: FakeConnector
    made: Counter[str] = field(default_factory=Counter)

    @property
    def adapter(self) -> TeamsAdapter:
        adapter = self.runtime.core.adapters[Platform.TEAMS]
        assert isinstance(adapter, TeamsAdapter)
        return adapter

    def activity(self, name: str, **changes: Any) -> dict[str, Any]:
        data = copy.deepcopy(load_activity(name, self.connector.url))
        self.made[name] += 1
        if self.made[name] > 1 and data.get("id"):
            data["id"] = f"{data['id']}-{self.made[name]}"
        data.update(changes)
        return data

    async def post(
        self, body: Any, *, headers: dict[str, str] | None = None, raw: bool = False
    ) -> tuple[int, Any]:
        data = body if raw else json.dumps(body)
        async with self.session.post(
            f"{self.base}/api/messages",
            data=data,
            headers={"Content-Type": "application/json", **(headers or {})},
        ) as resp:
            text = await resp.text()
            return resp.status, (json.loads(text) if text else None)

    async def send(self, name: str, **changes: Any) -> tuple[int, Any]:
        return await self.post(self.activity(name, **changes))


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


async def running(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    runtime = await build(settings, clock=clock)
    port = free_port()
    async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
        teams = Teams(f"http://127.0.0.1:{port}", session, runtime, connector)
        teams.adapter.outbound.policy = RetryPolicy(base=0.001, cap=0.05)
        yield teams
    await close(runtime)


@pytest.fixture
async def teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    async for t in running(settings, clock, connector):
        yield t


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    """Teams where Alex (the fixtures' usual sender) is an admin."""
    configured = settings.model_copy(
        update={"COPROD_ADMINS": "teams:29:1alex-teams-id", "MICROSOFT_APP_TENANT_ID": ""}
    )
    async for t in running(configured, clock, connector):
        yield t


def as_person(activity: dict[str, Any], user_id: str, name: str) -> dict[str, Any]:
    """The same activity from someone else (same tenant)."""
    activity["from"] = {"id": user_id, "name": name}
    return activity


def in_personal_chat(activity: dict[str, Any], conversation_id: str) -> dict[str, Any]:
    """The same activity in a personal chat with the bot (no team, no channel)."""
    tenant = activity["conversation"].get("tenantId", "tenant-one")
    activity["conversation"] = {
        "conversationType": "personal",
        "tenantId": tenant,
        "id": conversation_id,
    }
    activity["channelData"] = {"tenant": {"id": tenant}}
    return activity
