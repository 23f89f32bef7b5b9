"""The effective-prompts matrix (tests/prompt_matrix.py) at the Teams wire: every prompt kind ×
scope × change, the next post of that kind read from the fake connector and invoke answers."""

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

from .conftest import Teams, as_person


@dataclass
class TeamsDriver:
    teams: Teams
    core: Core
    ref: ConversationRef
    folder: Path
    seen: int = 0

    def _since(self, mark: int) -> str:
        return json.dumps([c.body for c in self.teams.connector.calls[mark:]])

    async def reflect(self, number: int) -> str:
        mark = len(self.teams.connector.calls)
        text = f"<at>coprod</at> reflect {number}"
        status, _ = await self.teams.send("channel_mention", text=text)
        assert status == 201
        return self._since(mark)

    async def click(self, action_id: str, value: dict[str, str]) -> str:
        mark = len(self.teams.connector.calls)
        activity = self.teams.activity("execute_action")
        activity["value"] = {
            "action": {"type": "Action.Execute", "verb": action_id, "data": value},
            "trigger": "manual",
        }
        status, body = await self.teams.post(activity)
        assert status == 200
        return json.dumps(body) + self._since(mark)

    async def send(self, reply: Reply) -> str:
        mark = len(self.teams.connector.calls)
        assert await self.core.send(self.ref, reply)
        return self._since(mark)

    async def vote(self, user: int, value: dict[str, str]) -> str:
        activity = as_person(self.teams.activity("execute_action"), f"29:voter{user}", "Voter")
        activity["value"] = {
            "action": {"type": "Action.Execute", "verb": "nudges.vote", "data": value},
            "trigger": "manual",
        }
        status, body = await self.teams.post(activity)
        assert status == 200
        return json.dumps(body)

    async def updated(self) -> str:
        calls = self.teams.connector.calls[self.seen :]
        self.seen = len(self.teams.connector.calls)
        return json.dumps([c.body for c in calls if c.method == "PUT"])


async def test_every_prompt_change_reaches_the_next_teams_post(
    teams: Teams, tmp_path: Path
) -> None:
    assert (await teams.send("channel_mention", text="<at>coprod</at> help"))[0] == 201
    core = teams.runtime.core
    (stored,) = [d for d in await core.store.find("conversations") if d["platform"] == "teams"]
    ref = await core.conversation(stored["_key"])
    assert ref is not None
    driver = TeamsDriver(teams, core, ref, tmp_path)
    await check_reflection_kinds(driver)
    await run_all(driver)
    await check_tallies(driver, driver, in_place=True)


async def test_an_asked_for_reflection_shows_its_tally_in_place(
    teams: Teams, tmp_path: Path
) -> None:
    """Issue 15: a reflection run with `reflect` (a reply to the command) gets its tally
    in place, as a scheduled one does."""
    assert (await teams.send("channel_mention", text="<at>coprod</at> help"))[0] == 201
    core = teams.runtime.core
    (stored,) = [d for d in await core.store.find("conversations") if d["platform"] == "teams"]
    ref = await core.conversation(stored["_key"])
    assert ref is not None
    driver = TeamsDriver(teams, core, ref, tmp_path)
    await check_asked_tallies(driver, driver, in_place=True, picture='"Chart.HorizontalBar"')
