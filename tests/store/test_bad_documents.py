"""A document the store cannot encode fails its own write, and only that write (issue 13, 1)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.store import BadDocument, Store, StoreError, open_store

LONE = "\ud800"  # a lone surrogate: a legal JSON escape, but not Unicode text


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.put("t", "b", {"text": f"hello {LONE}"}),
        lambda s: s.put("t", "b", {"nested": [{"deep": LONE}]}),
        lambda s: s.put("t", "b", {LONE: 1}),
        lambda s: s.put("t", f"key{LONE}", {}),
        lambda s: s.put(f"table{LONE}", "b", {}),
        lambda s: s.add("t", "b", {"text": LONE}),
        lambda s: s.update("t", "a", {"text": LONE}),
        lambda s: s.put("t", "b", {"text": "nul \x00 inside"}),  # PostgreSQL's jsonb refuses it
    ],
    ids=["value", "nested", "field", "key", "table", "add", "update", "nul"],
)
async def test_a_bad_document_fails_alone_and_later_writes_land(
    store: Store, store_url: str, write: Any
) -> None:
    await store.put("t", "a", {"v": 1})
    with pytest.raises(BadDocument) as refused:
        await write(store)
    assert isinstance(refused.value, StoreError) and isinstance(refused.value, ValueError)
    assert "not saved" in str(refused.value)
    await store.put("t", "c", {"v": 3})  # the next writes are not poisoned
    assert await store.add("t", "d", {"v": 4}) is True
    assert await store.update("t", "a", {"v": 2}) is True
    assert await store.get("t", "b") is None
    assert await store.health() is None
    await store.close()
    reopened = await open_store(store_url)
    try:
        assert {d["_key"]: d["v"] for d in await reopened.find("t")} == {"a": 2, "c": 3, "d": 4}
    finally:
        await reopened.close()


async def test_reads_and_deletes_with_bad_text_find_nothing(store: Store) -> None:
    await store.put("t", "a", {"v": 1})
    assert await store.get("t", LONE) is None
    assert await store.find("t", v=LONE) == []
    assert await store.delete("t", LONE) is False
    assert await store.delete_where("t", v=LONE) == 0
    assert await store.count("t") == 1
    await store.put("t", "e", {"v": 5})
    assert await store.count("t") == 2
