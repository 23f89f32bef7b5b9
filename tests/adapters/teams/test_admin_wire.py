"""Admin rights over Teams at the wire: every registered admin example, run by an admin named
in COPROD_ADMINS as `teams:<id>`, by a member, and by someone from another tenant. Refusals
change nothing in the store; the admin's commands take effect. Replies are private."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

import bot.core  # noqa: F401  (registers every command and admin subcommand)
from bot.clock import FakeClock
from bot.settings import Settings
from runtime.features import shipped_admin_commands as admin_commands
from tests.words import say

from .conftest import Teams, as_person, running
from .fake_connector import FakeConnector
from .test_wire import card_of, card_text

ADMIN = "29:1alex-teams-id"  # Alex Smith, the fixtures' sender
MEMBER = "29:1bob-teams-id"
OUTSIDER = "29:1owen-other-tenant"
SAM = "29:1sam-teams-id"
# On Teams a person is named by their Teams id, not a display name.
EXAMPLES = [
    say(ex).removeprefix("/coprod ").replace("@sam", SAM)
    for spec in admin_commands()
    for ex in spec.examples
]
REFERENCES = {"conversations", "teams_personal"}  # where to reach people; no admin state
DELIVERIES = {"teams_activities"}  # the ids of activities handled once (no content)


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    configured = settings.model_copy(
        update={"COPROD_ADMINS": f"teams:{ADMIN}", "MICROSOFT_APP_TENANT_ID": ""}
    )
    async for teams in running(configured, clock, connector):
        yield teams


async def snapshot(teams: Teams) -> dict[str, Any]:
    store = teams.runtime.store
    return {
        t: sorted(await store.find(t), key=lambda d: d["_key"])
        for t in await store.tables()
        if t not in REFERENCES | DELIVERIES
    }


async def run(teams: Teams, text: str, user: str, *, tenant: str = "tenant-one") -> str:
    """`@coprod <text>` in a channel of `tenant`; returns what was posted back (text)."""
    activity = as_person(
        teams.activity("channel_mention", text=f"<at>coprod</at> {text}"), user, ""
    )
    activity["conversation"]["tenantId"] = tenant
    activity["channelData"]["tenant"]["id"] = tenant
    before = len(teams.connector.calls)
    status, _ = await teams.post(activity)
    assert status == 201
    posts = [
        c
        for c in teams.connector.calls[before:]
        if c.status < 300 and c.method == "POST" and "/activities" in c.path
    ]
    assert posts, text
    for post in posts:  # admin replies are private: the person's own chat, never the channel
        assert post.conversation == f"a:personal-{user}", (text, post.conversation)
    return "\n".join(
        card_text(card_of(p.body)) if "attachments" in p.body else p.body["text"] for p in posts
    )


async def test_an_admin_listed_as_teams_id_runs_every_example(admin_teams: Teams) -> None:
    teams = admin_teams
    refused = teams.runtime.core.pack.say("admin.refused")
    for example in EXAMPLES:
        shown = await run(teams, example, ADMIN)
        assert refused not in shown, example
    store = teams.runtime.store
    audit = await store.find("audit", scope="teams:tenant-one")
    assert len(audit) >= 6
    assert {a["by"] for a in audit} == {f"teams:{ADMIN}"}
    overrides = await store.find("prompt_overrides", scope="teams:tenant-one")
    assert any("Did everyone have their say today?" in str(d) for d in overrides)


@pytest.mark.parametrize("who", ["member", "another-tenant"])
async def test_refusals_change_nothing(admin_teams: Teams, who: str) -> None:
    teams = admin_teams
    # Some admin state in tenant-one first, so a change or a leak would show.
    for text in ("admin prompts add 4 reflection Home only wording", f"admin admins add {SAM}"):
        await run(teams, text, ADMIN)
    refused = teams.runtime.core.pack.say("admin.refused")
    user, tenant = (MEMBER, "tenant-one") if who == "member" else (OUTSIDER, "tenant-two")
    for example in EXAMPLES:
        before = await snapshot(teams)
        shown = await run(teams, example, user, tenant=tenant)
        assert shown.startswith(refused), (example, shown)
        assert await snapshot(teams) == before, example
    # Sam is an admin of tenant-one only: in tenant-two he is refused too.
    before = await snapshot(teams)
    assert (await run(teams, "admin audit", SAM, tenant="tenant-two")).startswith(refused)
    assert await snapshot(teams) == before


async def test_an_admin_adds_someone_by_mentioning_them(admin_teams: Teams) -> None:
    teams = admin_teams
    sam = "29:1sam-teams-id"
    activity = as_person(
        teams.activity("channel_mention", text="<at>coprod</at> admin admins add <at>Sam Lee</at>"),
        ADMIN,
        "Alex Smith",
    )
    activity["entities"].append(
        {"mentioned": {"id": sam, "name": "Sam Lee"}, "text": "<at>Sam Lee</at>", "type": "mention"}
    )
    status, _ = await teams.post(activity)
    assert status == 201
    admins = await teams.runtime.store.find("admins")
    assert [a["_key"].rsplit(":", 2)[-2:] for a in admins] == [sam.split(":")]
    # Sam can now run an admin command.
    shown = await run(teams, "admin audit", sam)
    assert "after: teams:29:1sam-teams-id" in shown
