"""The largest `admin prompts` list at the wire (issue 16 §5): with 100 added prompts of the
longest wording, full of characters that renderers rewrite, every Teams card stays under 25 KB
and "More" pages through every prompt exactly once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.model import Platform
from bot.settings import Settings
from tests.adapters.big_prompts import PROMPT_ID, every_id, seed

from .conftest import Teams, as_person, in_personal_chat, running
from .fake_connector import FakeConnector
from .test_check_wire import actions
from .test_wire import card_of, card_text

ADMIN = "29:1alex-teams-id"
MAX_TEAMS_BYTES = 25_000
MAX_SLACK_BLOCKS = 50


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: Any, connector: FakeConnector
) -> AsyncIterator[Teams]:
    configured = settings.model_copy(
        update={"COPROD_ADMINS": f"teams:{ADMIN}", "MICROSOFT_APP_TENANT_ID": ""}
    )
    async for teams in running(configured, clock, connector):
        yield teams


def size(card: dict[str, Any]) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


async def test_teams_admin_prompts_pages_stay_under_25_kb(admin_teams: Teams) -> None:
    teams = admin_teams
    await seed(teams.runtime, "tenant-one", Platform.TEAMS)
    activity = as_person(
        teams.activity("channel_mention", text="<at>coprod</at> admin prompts --all"), ADMIN, "Alex"
    )
    status, _ = await teams.post(activity)
    assert status == 201
    personal = f"a:personal-{ADMIN}"
    [post] = [c for c in teams.connector.delivered() if c.conversation == personal]
    assert len(json.dumps(post.body, ensure_ascii=False).encode()) < MAX_TEAMS_BYTES
    card = card_of(post.body)
    seen: list[str] = []
    for _ in range(40):
        assert size(card) < MAX_TEAMS_BYTES
        seen += PROMPT_ID.findall(card_text(card).replace("＿", "_"))
        more = [a for a in actions(card) if a["verb"] == "admin.prompts.more"]
        nxt = [
            a
            for a in more
            if a["title"] == teams.runtime.core.pack.say("admin.prompts.more_button")
        ]
        if not nxt:
            break
        click = in_personal_chat(
            as_person(teams.activity("execute_action"), ADMIN, "Alex"), personal
        )
        click["value"] = {
            "action": {"type": "Action.Execute", "verb": nxt[0]["verb"], "data": nxt[0]["data"]},
            "trigger": "manual",
        }
        status, body = await teams.post(click)
        assert status == 200 and body["statusCode"] == 200
        card = body["value"]
    wanted = await every_id(teams.runtime, "tenant-one", Platform.TEAMS)
    assert len(seen) == len(set(seen)), "a prompt was shown on two pages"
    assert set(seen) == wanted and len(wanted) > 100
