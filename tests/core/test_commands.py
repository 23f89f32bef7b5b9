"""The core commands through the real local HTTP API."""

from __future__ import annotations

import logging
import re

import pytest

from bot.marks import CommandSpec
from bot.model import Command
from tests.conftest import SEED, Chat, all_text
from tests.words import say


def seed_titles() -> list[str]:
    text = (SEED / "local-voice-framework-principles.txt").read_text()
    return re.findall(r"^\d\. (.+?)\s*$", text, flags=re.M)


async def test_principles_lists_all_eight_titles_exactly(chat: Chat) -> None:
    titles = seed_titles()
    assert len(titles) == 8
    replies = await chat.say("/coprod principles")
    text = all_text(replies)
    for number, title in enumerate(titles, start=1):
        assert f"{number}. {title}" in text
    assert "University of Chester" in text
    assert replies[0]["visibility"] == "public"


async def test_principle_five_speaks_of_jargon_and_acronyms(chat: Chat) -> None:
    text = all_text(await chat.say("/coprod principle 5"))
    assert "Foster Open and Transparent Communication" in text
    assert "avoid jargon and acronyms" in text


@pytest.mark.parametrize(
    "word, number",
    [("jargon", 5), ("support", 6), ("payment", 2), ("reflect", 7), ("p3", 3), ("#8", 8)],
)
async def test_principle_by_word(chat: Chat, word: str, number: int) -> None:
    replies = await chat.say(f"/coprod principle {word}")
    assert replies[0]["card"]["title"].startswith(f"Principle {number}:")


async def test_principle_unknown_says_what_to_type(chat: Chat) -> None:
    replies = await chat.say("/coprod principle 42")
    assert replies[0]["visibility"] == "private"
    assert "/coprod principle 5" in replies[0]["text"]


async def test_mistyped_command_suggests_the_right_one(chat: Chat) -> None:
    replies = await chat.say("/coprod princples")
    assert "Did you mean `/coprod principles`?" in replies[0]["text"]
    assert replies[0]["visibility"] == "private"
    assert replies[1]["card"]["id"] == "help"


async def test_unknown_command_without_close_match_shows_help(chat: Chat) -> None:
    replies = await chat.say("/coprod zzzzqqq")
    assert "zzzzqqq" in replies[0]["text"]
    assert "Did you mean" not in replies[0]["text"]
    assert replies[1]["card"]["id"] == "help"


@pytest.mark.parametrize(
    "text, direct",
    [
        ("/coprod principles", False),
        ("coprod principles", False),
        ("<at>coprod</at> principles", False),
        ("@coprod principles", False),
        ("principles", True),
        ("/coprod principles", True),
        ("  PRINCIPLES ", True),
    ],
)
async def test_every_way_of_addressing_reaches_the_command(
    chat: Chat, text: str, direct: bool
) -> None:
    replies = await chat.say(text, direct=direct)
    assert replies[0]["card"]["id"] == "principles"


@pytest.mark.parametrize("text", ["/coprod", "/coprod help", "coprod", "/coprod ?"])
async def test_help_for_empty_or_help(chat: Chat, text: str) -> None:
    replies = await chat.say(text)
    card = replies[0]["card"]
    assert card["id"] == "help"
    text_all = all_text(replies)
    for spec in chat.runtime.core.registry.visible_commands():
        assert say(spec.example) in text_all


async def test_plain_channel_message_is_not_a_command(chat: Chat) -> None:
    replies = await chat.say("principles are great")
    assert all(r["card"] is None or r["card"]["id"] != "principles" for r in replies)


async def test_privacy_says_what_is_stored(chat: Chat) -> None:
    replies = await chat.say("/coprod privacy")
    text = all_text(replies)
    assert replies[0]["visibility"] == "private"
    assert "never store the words of your messages" in text
    assert "forget me" in text


async def test_a_failing_handler_gives_an_apology_not_a_traceback(
    chat: Chat, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def boom(ctx, args):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internals /srv/app.py line 12")

    commands = chat.runtime.core.registry.commands
    spec = commands["privacy"]
    monkeypatch.setitem(
        commands,
        "privacy",
        CommandSpec("privacy", boom, spec.group, spec.example),
    )
    with caplog.at_level(logging.ERROR):
        replies = await chat.say("/coprod privacy")
    assert len(replies) == 1
    assert replies[0]["visibility"] == "private"
    assert "Sorry, something went wrong" in replies[0]["text"]
    assert "Traceback" not in str(replies) and "secret internals" not in str(replies)
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)


async def test_core_handle_never_raises_on_odd_commands(chat: Chat) -> None:
    core = chat.runtime.core
    from bot.model import ConversationRef, Platform, User

    where = ConversationRef(Platform.LOCAL, "local", "general")
    odd = ["", " ", "principle", "principle 9999999999999", "principle ✨", "\x00", "a" * 5000]
    for text in odd:
        replies = await core.handle(Command(where, User("u"), text=text))
        assert replies, text
