"""`forget me` on Teams removes the person's personal chat references (issue 13, defect 13)."""

from __future__ import annotations

from tests.adapters.teams.conftest import Teams

ALEX = "29:1alex-teams-id"
PERSONAL = "teams:tenant-one:a:1personal-alex"


async def test_forget_me_in_the_personal_chat_removes_its_references(teams: Teams) -> None:
    assert (await teams.send("personal_message"))[0] == 201
    store = teams.runtime.store
    assert await store.get("conversations", PERSONAL) is not None
    assert (await teams.send("personal_message", text="forget me confirm"))[0] == 201
    assert await store.get("conversations", PERSONAL) is None
    assert await store.get("teams_personal", f"teams:tenant-one:{ALEX}") is None


async def test_forget_me_in_a_channel_removes_the_personal_chat_reference_too(
    teams: Teams,
) -> None:
    assert (await teams.send("personal_message"))[0] == 201
    assert (await teams.send("channel_mention", text="<at>coprod</at> forget me confirm"))[0] == 201
    store = teams.runtime.store
    assert await store.get("conversations", PERSONAL) is None
    assert await store.get("conversations", "teams:tenant-one:19:general0@thread.tacv2")
