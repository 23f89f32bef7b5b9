"""The effective-prompts matrix (tests/prompt_matrix.py) at the Slack wire: every prompt kind ×
scope × change, the next post of that kind read from what the fake Web API was sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.core import Core
from bot.model import ConversationRef, Reply
from tests.prompt_matrix import (
    check_asked_tallies,
    check_reflection_kinds,
    check_tallies,
    run_all,
)

from .conftest import SlackClient


@dataclass
class SlackDriver:
    slack: SlackClient
    core: Core
    ref: ConversationRef
    folder: Path
    seen: int = 0

    def _since(self, mark: int) -> str:
        return json.dumps([c.body for c in self.slack.fake.calls[mark:]])

    async def reflect(self, number: int) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.command(f"reflect {number}"))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.click(f"{action_id}#0", value))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def send(self, reply: Reply) -> str:
        mark = len(self.slack.fake.calls)
        assert await self.core.send(self.ref, reply)
        return self._since(mark)

    async def vote(self, user: int, value: dict[str, str]) -> str:
        mark = len(self.slack.fake.calls)
        assert (await self.slack.click("nudges.vote#0", value, user=f"UVOTER{user}"))[0] == 200
        await self.slack.settle()
        return self._since(mark)

    async def updated(self) -> str:
        calls = self.slack.fake.calls[self.seen :]
        self.seen = len(self.slack.fake.calls)
        return json.dumps([c.body for c in calls if c.method == "chat.update"])


async def test_every_prompt_change_reaches_the_next_slack_post(
    slack: SlackClient, tmp_path: Path
) -> None:
    assert (await slack.command("help"))[0] == 200
    await slack.settle()
    core = slack.runtime.core
    (stored,) = [d for d in await core.store.find("conversations") if d["platform"] == "slack"]
    ref = await core.conversation(stored["_key"])
    assert ref is not None
    driver = SlackDriver(slack, core, ref, tmp_path)
    await check_reflection_kinds(driver)
    await run_all(driver)
    await check_tallies(driver, driver, in_place=True)


async def test_an_asked_for_reflection_shows_its_tally_in_place(
    slack: SlackClient, tmp_path: Path
) -> None:
    """Issue 15: a reflection run with `reflect` (a reply to the command) gets its tally
    in place, as a scheduled one does."""
    assert (await slack.command("help"))[0] == 200
    await slack.settle()
    core = slack.runtime.core
    (stored,) = [d for d in await core.store.find("conversations") if d["platform"] == "slack"]
    ref = await core.conversation(stored["_key"])
    assert ref is not None
    driver = SlackDriver(slack, core, ref, tmp_path)
    await check_asked_tallies(driver, driver, in_place=True, picture='"slack_file"')
