"""The effective-prompts matrix (tests/prompt_matrix.py) on the local chat (and the vote and talk
reflection cards first): every prompt kind ×
scope × change, the next post of that kind read from the local API and its history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from adapters.local import LocalAdapter
from bot.core import Core
from bot.model import ConversationRef, Platform, Reply
from tests.conftest import Chat
from tests.prompt_matrix import (
    check_asked_tallies,
    check_reflection_kinds,
    check_tallies,
    run_all,
)

CHANNEL = "matrix"


@dataclass
class LocalDriver:
    chat: Chat
    core: Core
    ref: ConversationRef
    folder: Path
    seen: int = 0

    async def reflect(self, number: int) -> str:
        return json.dumps(await self.chat.say(f"/coprod reflect {number}", channel=CHANNEL))

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        return json.dumps(await self.chat.click(action_id, value, channel=CHANNEL))

    async def vote(self, user: int, value: dict[str, str]) -> str:
        replies = await self.chat.click("nudges.vote", value, user=f"voter{user}", channel=CHANNEL)
        return json.dumps(replies)

    async def updated(self) -> str:
        adapter = self.core.adapters[Platform.LOCAL]
        assert isinstance(adapter, LocalAdapter)
        posts = adapter.outbox[self.seen :]
        self.seen = len(adapter.outbox)
        return json.dumps([e.body for e in posts])

    async def send(self, reply: Reply) -> str:
        adapter = self.core.adapters[Platform.LOCAL]
        assert isinstance(adapter, LocalAdapter)
        before = len(adapter.outbox)
        assert await self.core.send(self.ref, reply)
        return json.dumps([e.body for e in adapter.outbox[before:]])


async def test_every_prompt_change_reaches_the_next_local_post(chat: Chat, tmp_path: Path) -> None:
    await chat.say("hello", channel=CHANNEL)
    core = chat.runtime.core
    ref = await core.conversation(f"local:local:{CHANNEL}")
    assert ref is not None
    driver = LocalDriver(chat, core, ref, tmp_path)
    await check_reflection_kinds(driver)
    await run_all(driver)
    await check_tallies(driver, driver, in_place=False)


async def test_an_asked_for_reflection_shows_its_tally_in_a_follow_up(
    chat: Chat, tmp_path: Path
) -> None:
    """Issue 15: a reflection run with `reflect` (a reply to the command) gets its tally
    in a follow-up, as a scheduled one does."""
    await chat.say("hello", channel=CHANNEL)
    core = chat.runtime.core
    ref = await core.conversation(f"local:local:{CHANNEL}")
    assert ref is not None
    driver = LocalDriver(chat, core, ref, tmp_path)
    await check_asked_tallies(driver, driver, in_place=False, picture="<svg")
