"""Shared core services: channel settings by scope, salted codes, and `forget me`."""

from __future__ import annotations

from pathlib import Path

from bot.channel_settings import ChannelSettings
from bot.identity import Identity
from bot.model import ConversationRef, Platform, User
from bot.store import TinyStore
from tests.conftest import Chat

A = ConversationRef(Platform.SLACK, "T1", "C1")
A2 = ConversationRef(Platform.SLACK, "T1", "C2")
B = ConversationRef(Platform.SLACK, "T2", "C1")


async def test_channel_beats_workspace_beats_default(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    settings = ChannelSettings(store, {"test.colour": "blue"}, {"timezone": "Europe/London"})
    assert (await settings.resolve(A, "test.colour")).source == "default"
    await settings.set(A, "test.colour", "green", channel=False)
    assert (await settings.resolve(A2, "test.colour")).value == "green"
    await settings.set(A, "test.colour", "red")
    assert (await settings.resolve(A, "test.colour")).value == "red"
    assert (await settings.resolve(A2, "test.colour")).source == "workspace"
    assert (await settings.resolve(B, "test.colour")).value == "blue"  # other workspace
    await settings.clear(A, "test.colour")
    assert (await settings.resolve(A, "test.colour")).value == "green"
    assert await settings.get(A, "timezone") == "Europe/London"
    await store.close()


async def test_codes_are_stable_per_purpose_and_workspace(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    ident = Identity(store)
    one = await ident.code(A, User("U1"), "check")
    assert one == await ident.code(A2, User("U1"), "check")
    assert one != await ident.code(A, User("U1"), "jargon")
    assert one != await ident.code(B, User("U1"), "check")
    assert "U1" not in one
    await store.close()
    again = Identity(await TinyStore(tmp_path / "db.json").open())
    assert await again.code(A, "U1", "check") == one


async def test_forget_me_runs_every_eraser(chat: Chat, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = []

    async def erase(ctx):  # type: ignore[no-untyped-def]
        seen.append(ctx.user.id)
        return 3

    registry = chat.runtime.core.registry
    monkeypatch.setattr(registry, "erasers", [*registry.erasers, erase])
    replies = await chat.say("/coprod forget me confirm", user="sam")
    assert seen == ["sam"]
    assert "3 records" in replies[0]["text"]
    assert replies[0]["visibility"] == "private"
    assert "forget me" in (await chat.say("/coprod forget"))[0]["text"]


async def test_forget_me_says_what_it_would_erase_and_waits_for_a_confirmation(
    chat: Chat, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 16 §3: `forget me` alone erases nothing; it lists what would go and asks. The
    button (or `forget me confirm`) erases."""
    seen: list[str] = []

    async def erase(ctx):  # type: ignore[no-untyped-def]
        seen.append(ctx.user.id)
        return 2

    registry = chat.runtime.core.registry
    monkeypatch.setattr(registry, "erasers", [*registry.erasers, erase])
    [ask] = await chat.say("/coprod forget me", user="sam")
    assert seen == [] and ask["visibility"] == "private"
    pack = chat.runtime.core.pack
    shown = str(ask["card"])
    for item in (
        "owner of actions",
        "jargon tip",
        "voting twice",
        "language choice",
        "opened a check",
        "message you directly",
        "record of admin changes",
    ):
        assert item in shown, item
    assert "forget me confirm" in shown
    [button] = [b for block in ask["card"]["blocks"] for b in block.get("buttons", [])]
    assert button["label"] == pack.say("forget.confirm.button")
    [done] = await chat.click(button["action_id"], button["value"], user="sam")
    assert seen == ["sam"] and "2 records" in done["text"] and done["replace_card"] is True
    assert (await chat.say("/coprod forget me nonsense", user="sam"))[0]["text"] == pack.say(
        "forget.how"
    )
    assert seen == ["sam"]
