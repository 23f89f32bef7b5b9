"""`forget me` takes the person's conversation references with it, and no store key or
document of a direct chat holds the person's name (issue 13, defect 13)."""

from __future__ import annotations

import json

from tests.conftest import Chat


async def everything(chat: Chat) -> str:
    store = chat.runtime.store
    return json.dumps({t: await store.find(t) for t in await store.tables()}, ensure_ascii=False)


async def test_a_direct_chat_key_never_holds_the_raw_name(chat: Chat) -> None:
    assert await chat.say("/coprod principles", user="Zoë Quill-Smith", direct=True)
    stored = await everything(chat)
    assert "Zoë" not in stored and "Quill" not in stored
    refs = await chat.runtime.store.find("conversations")
    assert any(d["channel"].startswith("dm-") and d["kind"] == "direct" for d in refs)


async def test_the_same_person_keeps_the_same_direct_chat(chat: Chat) -> None:
    await chat.say("/coprod principles", user="Zoë", direct=True)
    await chat.say("/coprod principles", user="Zoë", direct=True)
    await chat.say("/coprod principles", user="Sam", direct=True)
    direct = [d for d in await chat.runtime.store.find("conversations") if d["kind"] == "direct"]
    assert len(direct) == 2


async def test_forget_me_removes_the_persons_conversation_references(chat: Chat) -> None:
    await chat.say("/coprod principles", user="Zoë", direct=True)
    await chat.say("/coprod principles", user="Sam", direct=True)
    await chat.say("/coprod principles", user="Zoë", channel="general")
    assert await chat.say("/coprod forget me confirm", user="Zoë", channel="general")
    direct = [d for d in await chat.runtime.store.find("conversations") if d["kind"] == "direct"]
    assert len(direct) == 1  # Sam's stays; Zoë's went, though she asked in the channel
    assert await chat.runtime.store.get("conversations", "local:local:general") is not None
    await chat.say("/coprod principles", user="Sam", direct=True)
    assert await chat.say("/coprod forget me confirm", user="Sam", direct=True)
    direct = [d for d in await chat.runtime.store.find("conversations") if d["kind"] == "direct"]
    assert direct == []
