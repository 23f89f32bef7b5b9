"""COPROD_ADMINS entries: `id` (everywhere), `platform:id` (every workspace of one platform),
`platform:workspace:id` (one workspace or tenant only) (issue 13, defect 13)."""

from __future__ import annotations

import pytest

from bot.model import ChatKind, ConversationRef, Platform, User
from bot.rights import Rights
from bot.store.tiny import TinyStore


def ref(platform: Platform, workspace: str) -> ConversationRef:
    return ConversationRef(platform, workspace, "C1", kind=ChatKind.CHANNEL)


@pytest.mark.parametrize(
    "entry, where, admin",
    [
        ("U1", (Platform.SLACK, "T0001"), True),
        ("U1", (Platform.TEAMS, "tenant-one"), True),
        ("slack:U1", (Platform.SLACK, "T0002"), True),
        ("slack:U1", (Platform.TEAMS, "tenant-one"), False),
        ("slack:T0001:U1", (Platform.SLACK, "T0001"), True),
        ("slack:T0001:U1", (Platform.SLACK, "T0002"), False),
        ("slack:T0001:U1", (Platform.TEAMS, "T0001"), False),
    ],
)
async def test_an_entry_applies_only_where_it_says(
    tmp_path: object, entry: str, where: tuple[Platform, str], admin: bool
) -> None:
    store = await TinyStore(f"{tmp_path}/s.json").open()
    try:
        rights = Rights(store, frozenset({entry}))
        assert await rights.is_admin(ref(*where), User("U1")) is admin
    finally:
        await store.close()


async def test_teams_ids_with_colons_in_either_form(tmp_path: object) -> None:
    store = await TinyStore(f"{tmp_path}/s.json").open()
    try:
        alex = User("29:1alex-teams-id")
        anywhere = Rights(store, frozenset({"teams:29:1alex-teams-id"}))
        assert await anywhere.is_admin(ref(Platform.TEAMS, "tenant-two"), alex)
        one = Rights(store, frozenset({"teams:tenant-one:29:1alex-teams-id"}))
        assert await one.is_admin(ref(Platform.TEAMS, "tenant-one"), alex)
        assert not await one.is_admin(ref(Platform.TEAMS, "tenant-two"), alex)
        assert one.configured_here(ref(Platform.TEAMS, "tenant-one")) == [
            "teams:tenant-one:29:1alex-teams-id"
        ]
        assert one.configured_here(ref(Platform.TEAMS, "tenant-two")) == []
        assert anywhere.configured_here(ref(Platform.TEAMS, "tenant-two")) == [
            "teams:29:1alex-teams-id"
        ]
    finally:
        await store.close()


async def test_the_admin_list_shows_only_entries_for_this_workspace(tmp_path: object) -> None:
    store = await TinyStore(f"{tmp_path}/s.json").open()
    try:
        rights = Rights(store, frozenset({"slack:T0001:U1", "slack:T0002:U2", "slack:U3", "U4"}))
        assert rights.configured_here(ref(Platform.SLACK, "T0001")) == [
            "U4",
            "slack:T0001:U1",
            "slack:U3",
        ]
    finally:
        await store.close()
