"""`jargon`, `explain` and `glossary` through the local chat, and glossaries kept per workspace."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FakeClock
from bot.core import Core
from bot.model import Command, ConversationRef, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES
from tests.conftest import Chat, all_text


async def test_jargon_checks_a_draft_privately(chat: Chat) -> None:
    [reply] = await chat.say("/coprod jargon We will touch base with the PCN going forward")
    assert reply["visibility"] == "private"
    text = all_text([reply])
    assert "**touch base**" in text and "**PCN**" in text and "**going forward**" in text
    assert "Principle 5" in text


async def test_jargon_says_clearly_when_nothing_was_found(chat: Chat) -> None:
    [reply] = await chat.say("/coprod jargon Thanks everyone, see you on Tuesday")
    assert reply["visibility"] == "private"
    assert "did not find any jargon" in reply["text"]


async def test_jargon_without_text_says_what_to_type(chat: Chat) -> None:
    [reply] = await chat.say("/coprod jargon")
    assert "`/coprod jargon We will touch base going forward`" in reply["text"]


async def test_explain_looks_in_the_glossary_first(chat: Chat) -> None:
    await chat.say("/coprod glossary add PCN = our group of local family doctors")
    [reply] = await chat.say("/coprod explain pcn")
    assert "our group of local family doctors (from your team glossary)" in reply["text"]


async def test_explain_uses_the_plain_words_list_and_word_forms(chat: Chat) -> None:
    [reply] = await chat.say("/coprod explain leveraging")
    assert "**leverage** is on my plain-words list" in reply["text"]
    assert "_use_" in reply["text"]
    [reply] = await chat.say("/coprod explain KPIs")
    assert "key performance indicator" in reply["text"]


async def test_explain_unknown_word_is_friendly_and_says_what_to_type(chat: Chat) -> None:
    [reply] = await chat.say("/coprod explain flibbertigibbet")
    assert reply["visibility"] == "private"
    assert 'I do not know "flibbertigibbet" yet' in reply["text"]
    assert "`/coprod glossary add flibbertigibbet = what it means`" in reply["text"]
    [reply] = await chat.say("/coprod explain")
    assert "/coprod explain stakeholder" in reply["text"]


async def test_glossary_add_list_replace_remove(chat: Chat) -> None:
    [empty] = await chat.say("/coprod glossary")
    assert "glossary is empty" in empty["text"]
    [added] = await chat.say("/coprod glossary add ToR = terms of reference", user="kim")
    assert "Added **ToR**" in added["text"]
    [replaced] = await chat.say(
        "/coprod glossary replace tor = the rules our group agreed", user="lee"
    )
    assert "Updated" in replaced["text"]
    [listing] = await chat.say("/coprod glossary")
    assert "**tor**: the rules our group agreed" in all_text([listing])
    [removed] = await chat.say("/coprod glossary remove TOR")
    assert "Took **TOR** out" in removed["text"]
    [missing] = await chat.say("/coprod glossary remove TOR")
    assert "is not in your team glossary" in missing["text"]


async def test_glossary_text_is_made_safe(chat: Chat) -> None:
    await chat.say("/coprod glossary add ICB = board <!channel> **loud** <https://x.test|click>")
    [listing] = await chat.say("/coprod glossary")
    text = all_text([listing])
    assert "<!channel>" not in text and "**loud**" not in text
    assert "\\<\\!channel\\>" in text


async def test_glossary_add_validates(chat: Chat) -> None:
    [reply] = await chat.say("/coprod glossary add ICB integrated care board")
    assert "equals sign" in reply["text"]
    [reply] = await chat.say("/coprod glossary add " + "X" * 41 + " = too long")
    assert "up to 40" in reply["text"]
    [reply] = await chat.say("/coprod glossary add <b> = tags")
    assert "up to 40" in reply["text"]
    [reply] = await chat.say("/coprod glossary add ABC = " + "y" * 301)
    assert "under 300" in reply["text"]
    [listing] = await chat.say("/coprod glossary")
    assert "empty" in listing["text"]


async def test_glossaries_never_cross_workspaces(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "s.json").open()
    core = Core(
        features=FEATURES,
        settings=load_settings(COPROD_DB=str(tmp_path / "s.json")),
        store=store,
        pack=load_pack(),
        clock=FakeClock(),
    )
    one = ConversationRef(Platform.SLACK, "T1", "C1")
    two = ConversationRef(Platform.SLACK, "T2", "C1")
    teams = ConversationRef(Platform.TEAMS, "T1", "C1")
    try:
        await core.handle(Command(one, User("U1"), text="glossary add PCN = local doctors"))
        check = "jargon The PCN met"
        [in_one] = await core.handle(Command(one, User("U1"), text=check))
        [in_two] = await core.handle(Command(two, User("U1"), text=check))
        [in_teams] = await core.handle(Command(teams, User("U1"), text=check))
        assert "did not find" in in_one.text
        assert in_two.card is not None and in_teams.card is not None
        [listing] = await core.handle(Command(two, User("U1"), text="glossary"))
        assert "empty" in listing.text
    finally:
        await store.close()


async def test_help_lists_the_new_commands(chat: Chat) -> None:
    text = all_text(await chat.say("/coprod help"))
    for name in ("jargon", "explain", "glossary"):
        assert f"/coprod {name}" in text
