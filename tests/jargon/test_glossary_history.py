"""Issue 16 §3: `glossary add` of a word already there shows its meaning and asks first; each
change is recorded (who as a salted code, what, when) and `glossary history WORD` shows them."""

from __future__ import annotations

from bot.model import ConversationRef, Platform
from tests.conftest import Chat, all_text


async def test_adding_a_word_that_is_there_asks_before_replacing(chat: Chat) -> None:
    await chat.say("/coprod glossary add ToR = terms of reference", user="kim")
    before = await chat.runtime.store.find("glossary")
    [ask] = await chat.say("/coprod glossary add tor = the rules our group agreed", user="lee")
    shown = all_text([ask])
    assert "It means: terms of reference" in shown and "the rules our group agreed" in shown
    assert await chat.runtime.store.find("glossary") == before  # nothing replaced yet
    [button] = [b for block in ask["card"]["blocks"] for b in block.get("buttons", [])]
    [done] = await chat.click(button["action_id"], button["value"], user="lee")
    assert done["text"].startswith("Updated **ToR**") and done["replace_card"] is True
    [same] = await chat.say("/coprod glossary add TOR = the rules our group agreed", user="kim")
    assert "nothing has changed" in same["text"]


async def test_glossary_history_shows_who_as_a_code_what_and_when(chat: Chat) -> None:
    await chat.say("/coprod glossary add ICB = integrated care board", user="kim")
    await chat.say("/coprod glossary replace icb = the NHS body for our area", user="lee")
    await chat.say("/coprod glossary remove ICB", user="lee")
    [shown] = await chat.say("/coprod glossary history icb", user="kim")
    text = all_text([shown])
    identity = chat.runtime.core.identity
    lee = await identity.code(
        ConversationRef(Platform.LOCAL, "local", "general"), "lee", "glossary"
    )
    assert "added by you: integrated care board" in text
    assert f'changed by person {lee[:6]} from "integrated care board" to "the NHS body' in text
    assert f"taken out by person {lee[:6]}" in text
    assert "lee" not in text and "kim" not in text  # never a name or platform id
    stored = await chat.runtime.store.find("glossary_history")
    assert len(stored) == 3 and {d["by"] for d in stored} == {
        lee,
        await identity.code(ConversationRef(Platform.LOCAL, "local", "general"), "kim", "glossary"),
    }
    assert all(d["at"].startswith("20") for d in stored)
    [none] = await chat.say("/coprod glossary history PCN")
    assert "no changes to **PCN**" in none["text"]
