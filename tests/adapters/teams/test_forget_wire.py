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


async def test_forget_me_in_a_channel_does_not_store_the_personal_chat_again(
    teams: Teams,
) -> None:
    """The confirmation goes to the person's personal chat, which Teams opens for it; that
    new chat's reference is not kept (before the fix it was stored right after the erasing)."""
    assert (await teams.send("personal_message"))[0] == 201
    store = teams.runtime.store
    assert await store.get("teams_personal", f"teams:tenant-one:{ALEX}") is not None
    confirm = "<at>coprod</at> forget me confirm"
    assert (await teams.send("channel_mention", text=confirm))[0] == 201
    texts = [str(c.body.get("text", "")) for c in teams.connector.delivered()]
    assert any("I have erased everything" in t for t in texts), texts  # the person is told
    assert await store.get("teams_personal", f"teams:tenant-one:{ALEX}") is None
    assert await store.get("conversations", PERSONAL) is None
