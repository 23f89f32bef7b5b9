"""Issue 15's scheduling notes (tests/scheduling_wire.py) at the Slack wire: the overnight
question and its buttons, the reminders' notes, the weekend reflection's time and the meeting
list's footer, read from what the fake Web API and response URLs were sent."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.core import Core
from tests.scheduling_wire import (
    check_footer,
    check_overnight,
    check_reminder_notes,
    check_weekend_reflection,
)

from .conftest import SlackClient

ADMIN = "U0ADMIN001"


@dataclass
class SlackWire:
    slack: SlackClient
    core: Core
    seen: int = 0

    def _since(self, mark: int) -> str:
        return json.dumps([c.body for c in self.slack.fake.calls[mark:]], ensure_ascii=False)

    async def say(self, text: str) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.command(text))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def admin(self, text: str) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.command(text, user_id=ADMIN))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.click(f"{action_id}#0", value))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def posts(self) -> str:
        await self.slack.settle()
        calls = self.slack.fake.calls[self.seen :]
        self.seen = len(self.slack.fake.calls)
        posted = [c.body for c in calls if c.method == "chat.postMessage"]
        return json.dumps(posted, ensure_ascii=False)


async def test_scheduling_says_what_it_understood_on_slack(slack: SlackClient) -> None:
    slack.fake.person(ADMIN, admin=True)
    wire = SlackWire(slack, slack.runtime.core)
    await check_overnight(wire)
    await check_footer(wire)
    await check_reminder_notes(wire)
    await check_weekend_reflection(wire)
