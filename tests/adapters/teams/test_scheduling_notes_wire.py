"""Issue 15's scheduling notes (tests/scheduling_wire.py) at the Teams wire: the overnight
question and its buttons, the reminders' notes, the weekend reflection's time and the meeting
list's footer, read from the fake connector and the invoke answers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.clock import FakeClock
from bot.core import Core
from bot.settings import Settings
from tests.scheduling_wire import (
    check_footer,
    check_overnight,
    check_reminder_notes,
    check_weekend_reflection,
)

from .conftest import Teams, as_person, running
from .fake_connector import FakeConnector

ADMIN = "29:1alex-teams-id"  # Alex Smith, the fixtures' sender
MEMBER = "29:1bob-teams-id"


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    configured = settings.model_copy(
        update={"COPROD_ADMINS": f"teams:{ADMIN}", "MICROSOFT_APP_TENANT_ID": ""}
    )
    async for teams in running(configured, clock, connector):
        yield teams


@dataclass
class TeamsWire:
    teams: Teams
    core: Core
    seen: int = 0

    def _since(self, mark: int) -> str:
        calls = self.teams.connector.calls[mark:]
        return json.dumps([c.body for c in calls], ensure_ascii=False)

    async def _mention(self, text: str, user: str, name: str) -> str:
        mark = len(self.teams.connector.calls)
        activity = as_person(self.teams.activity("channel_mention"), user, name)
        activity["text"] = f"<at>coprod</at> {text}"
        status, _ = await self.teams.post(activity)
        assert status == 201
        return self._since(mark)

    async def say(self, text: str) -> str:
        return await self._mention(text, MEMBER, "Bob")

    async def admin(self, text: str) -> str:
        return await self._mention(text, ADMIN, "Alex Smith")

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        mark = len(self.teams.connector.calls)
        activity = as_person(self.teams.activity("execute_action"), MEMBER, "Bob")
        activity["value"] = {
            "action": {"type": "Action.Execute", "verb": action_id, "data": value},
            "trigger": "manual",
        }
        status, body = await self.teams.post(activity)
        assert status == 200
        return json.dumps(body, ensure_ascii=False) + self._since(mark)

    async def posts(self) -> str:
        calls = self.teams.connector.calls[self.seen :]
        self.seen = len(self.teams.connector.calls)
        return json.dumps([c.body for c in calls if c.method == "POST"], ensure_ascii=False)


async def test_scheduling_says_what_it_understood_on_teams(admin_teams: Teams) -> None:
    wire = TeamsWire(admin_teams, admin_teams.runtime.core)
    await check_overnight(wire)
    await check_footer(wire)
    await check_reminder_notes(wire)
    await check_weekend_reflection(wire)
