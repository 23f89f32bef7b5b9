"""Issue 15's scheduling notes (tests/scheduling_wire.py) on the local chat: the overnight
question and its buttons, the reminders' notes, the weekend reflection's time and the meeting
list's footer, read from the local API and the channel's history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from adapters.local import LocalAdapter
from bot.core import Core
from bot.model import Platform
from tests.conftest import Chat
from tests.scheduling_wire import (
    check_footer,
    check_overnight,
    check_reminder_notes,
    check_weekend_reflection,
)

CHANNEL = "planning"


def words(sent: Any) -> str:
    return json.dumps(sent, ensure_ascii=False)


@dataclass
class LocalWire:
    chat: Chat
    core: Core
    seen: int = 0

    async def say(self, text: str) -> str:
        return words(await self.chat.say(f"/coprod {text}", channel=CHANNEL))

    async def admin(self, text: str) -> str:
        return words(await self.chat.say(f"/coprod {text}", user="ada", channel=CHANNEL))

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        return words(await self.chat.click(action_id, value, channel=CHANNEL))

    async def posts(self) -> str:
        adapter = self.core.adapters[Platform.LOCAL]
        assert isinstance(adapter, LocalAdapter)
        posts = adapter.outbox[self.seen :]
        self.seen = len(adapter.outbox)
        return words([e.body for e in posts])


async def test_scheduling_says_what_it_understood_on_the_local_chat(chat: Chat) -> None:
    wire = LocalWire(chat, chat.runtime.core)
    await check_overnight(wire)
    await check_footer(wire)
    await check_reminder_notes(wire)
    await check_weekend_reflection(wire)
