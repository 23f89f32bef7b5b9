"""`find_fields` on both stores: the values of a few fields of what `find` returns, in the same
order; and TinyDB's index by channel, which must give what a scan of the table gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from bot.store import Store, TinyStore

FIELDS = ("_key", "channel_key", "n", "missing")


async def _fields_of_find(store: Store, table: str, **where: Any) -> list[tuple[Any, ...]]:
    return [tuple(d.get(f) for f in FIELDS) for d in await store.find(table, **where)]


async def test_find_fields_gives_the_fields_of_find_in_the_same_order(store: Store) -> None:
    for n in range(12):
        doc = {"channel_key": f"C{n % 3}", "n": n, "open": n % 2 == 0, "tags": [n % 2]}
        await store.put("t", f"k{n}", doc)
    await store.put("t", "k1", {"channel_key": "C1", "n": 100, "open": True, "tags": [1]})
    await store.update("t", "k4", {"n": 40})  # keeps its place
    await store.delete("t", "k7")
    await store.put("other", "k0", {"channel_key": "C0", "n": -1})
    for where in (
        {},
        {"channel_key": "C1"},
        {"channel_key": "C1", "open": True},
        {"open": False},
        {"tags": [1]},
        {"channel_key": "C9"},
        {"missing": None, "channel_key": "C0"},
    ):
        got = await store.find_fields("t", FIELDS, **where)
        assert got == await _fields_of_find(store, "t", **where), where
    assert [row[0] for row in await store.find_fields("t", ("_key",), channel_key="C1")] == [
        "k4",
        "k10",
        "k1",
    ]
    assert await store.find_fields("t", ("n",), channel_key="C1", n=40) == [(40,)]
    assert await store.find_fields("nothing here", FIELDS) == []
    assert await store.find_fields("t", (), channel_key="C2") == [(), (), (), ()]


async def test_find_fields_keeps_json_types(store: Store) -> None:
    doc = {"s": "Cymraeg ✓", "i": 3, "f": 1.5, "b": False, "z": None, "l": [1, "a"], "o": {"x": 1}}
    await store.put("t", "k", doc)
    assert await store.find_fields("t", ("s", "i", "f", "b", "z", "l", "o")) == [
        ("Cymraeg ✓", 3, 1.5, False, None, [1, "a"], {"x": 1})
    ]


async def test_tiny_channel_index_matches_a_scan_through_changes_and_a_reopen(
    tmp_path: Path,
) -> None:
    """Random puts, updates (some of `channel_key` itself), deletes and delete_where after the
    index is built: a find by channel gives what filtering every document gives, in order."""
    path = tmp_path / "coprod.json"
    rng = random.Random(19)
    store = await TinyStore(path).open()
    channels = ["C0", "C1", "C2", 7, None]  # a number and a null are never in the index

    async def check() -> None:
        everything = await store.find("t")
        for channel in channels:
            expected = [d for d in everything if d.get("channel_key") == channel]
            assert await store.find("t", channel_key=channel) == expected, channel
            assert await store.count("t", channel_key=channel) == len(expected)
            done = [d for d in expected if d.get("done") is True]
            assert await store.find("t", done=True, channel_key=channel) == done

    try:
        await check()  # builds the index of an empty table
        for step in range(600):
            key = f"k{rng.randrange(40)}"
            roll = rng.random()
            if roll < 0.5:
                doc = {"channel_key": rng.choice(channels), "done": rng.random() < 0.3}
                await store.put("t", key, doc)
            elif roll < 0.7:
                await store.update("t", key, {"done": rng.random() < 0.5})
            elif roll < 0.8:
                await store.update("t", key, {"channel_key": rng.choice(channels)})
            elif roll < 0.95:
                await store.delete("t", key)
            else:
                await store.delete_where("t", channel_key=rng.choice(channels), done=True)
            if step % 20 == 0:
                await check()
        await check()
    finally:
        await store.close()
    store = await TinyStore(path).open()
    try:
        await check()
    finally:
        await store.close()
