"""The Store contract, proved on every backend: TinyDB and PostgreSQL behave the same."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.store import Store, open_store


async def test_interface_round_trip(store: Store, store_url: str) -> None:
    assert await store.get("t", "a") is None
    await store.put("t", "a", {"x": 1, "team": "T1"})
    await store.put("t", "b", {"x": 2, "team": "T1"})
    await store.put("t", "c", {"x": 3, "team": "T2"})
    assert (await store.get("t", "a"))["x"] == 1
    assert await store.add("t", "a", {"x": 9}) is False
    assert await store.add("t", "d", {"x": 4, "team": "T2"}) is True
    assert {d["_key"] for d in await store.find("t", team="T2")} == {"c", "d"}
    assert await store.count("t", team="T1") == 2
    assert await store.count("t") == 4
    await store.put("t", "a", {"y": 5})
    assert await store.get("t", "a") == {"y": 5, "_key": "a"}
    assert await store.update("t", "a", {"y": 6}, expect={"y": 4}) is False
    assert await store.update("t", "a", {"y": 6}, expect={"y": 5}) is True
    assert await store.get("t", "a") == {"y": 6, "_key": "a"}
    assert await store.update("t", "zzz", {"y": 6}) is False
    assert await store.delete("t", "a") is True
    assert await store.delete("t", "a") is False
    assert await store.delete_where("t", team="T2") == 2
    assert await store.tables() == ["t"]
    await store.close()
    reopened = await open_store(store_url)
    try:
        assert [d["_key"] for d in await reopened.find("t")] == ["b"]
        assert await reopened.add("t", "e", {}) is True
        assert await reopened.get("t", "e") == {"_key": "e"}
    finally:
        await reopened.close()


async def test_key_is_the_documents_own_and_cannot_be_overwritten(store: Store) -> None:
    await store.put("t", "real", {"_key": "fake", "v": 1})
    assert await store.get("t", "real") == {"_key": "real", "v": 1}
    assert await store.get("t", "fake") is None
    assert await store.add("t", "other", {"_key": "real"}) is True
    assert await store.get("t", "other") == {"_key": "other"}
    assert await store.update("t", "real", {"_key": "moved", "v": 2}) is True
    assert await store.get("t", "real") == {"_key": "real", "v": 2}
    assert [d["_key"] for d in await store.find("t", _key="real")] == ["real"]


async def test_tables_are_separate(store: Store) -> None:
    await store.put("a", "k", {"v": "in a"})
    await store.put("b", "k", {"v": "in b"})
    assert (await store.get("a", "k"))["v"] == "in a"
    assert await store.delete("a", "k") is True
    assert (await store.get("b", "k"))["v"] == "in b"
    assert await store.tables() == ["b"]
    assert await store.find("missing") == []
    assert await store.count("missing") == 0
    assert await store.delete_where("missing") == 0


async def test_find_compares_whole_values_like_python_equality(store: Store) -> None:
    await store.put("t", "list", {"tags": ["a", "b"], "meta": {"x": 1, "y": 2}, "n": 1})
    await store.put("t", "short", {"tags": ["a"], "meta": {"x": 1}, "n": 1.5})
    await store.put("t", "null", {"tags": None, "n": None})
    await store.put("t", "bare", {})

    async def keys(**where: Any) -> set[str]:
        return {d["_key"] for d in await store.find("t", **where)}

    assert await keys(tags=["a"]) == {"short"}  # not "contains a"
    assert await keys(tags=["b", "a"]) == set()  # order matters in a list
    assert await keys(meta={"x": 1}) == {"short"}  # not "has x = 1"
    assert await keys(meta={"y": 2, "x": 1}) == {"list"}  # key order does not
    assert await keys(n=1) == {"list"}
    assert await keys(n=1.0) == {"list"}
    assert await keys(n=1.5) == {"short"}
    assert await keys(tags=None) == {"null", "bare"}  # None matches null or missing
    assert await keys(n=1, tags=["a", "b"]) == {"list"}
    assert await keys(n="1") == set()  # a string is not a number
    assert await store.count("t", tags=None) == 2
    assert await store.delete_where("t", tags=None) == 2
    assert await keys() == {"list", "short"}


async def test_update_merges_top_level_fields_and_checks_expect_by_equality(store: Store) -> None:
    await store.put("t", "k", {"state": "due", "slot": {"day": 1}, "keep": True})
    assert await store.update("t", "k", {"state": "claimed"}, expect={"slot": {"day": 1}})
    assert await store.update("t", "k", {"x": 1}, expect={"slot": {}}) is False
    assert await store.update("t", "k", {"x": 1}, expect={"missing": None}) is True
    assert await store.update("t", "k", {"slot": {"hour": 9}}) is True
    assert await store.get("t", "k") == {
        "_key": "k",
        "state": "claimed",
        "slot": {"hour": 9},
        "keep": True,
        "x": 1,
    }
    assert await store.update("t", "k", {}, expect={"state": "claimed"}) is True
    assert await store.update("t", "k", {}, expect={"state": "due"}) is False


async def test_find_returns_documents_in_insertion_order(store: Store) -> None:
    for key in ["c", "a", "b", "d"]:
        await store.put("t", key, {"v": key})
    assert [d["_key"] for d in await store.find("t")] == ["c", "a", "b", "d"]
    await store.update("t", "a", {"w": 1})  # an update keeps the place
    await store.put("t", "c", {"v": "again"})  # a put replaces, and moves to the end
    assert [d["_key"] for d in await store.find("t")] == ["a", "b", "d", "c"]


async def test_documents_keep_json_types_and_text(store: Store) -> None:
    doc = {
        "text": "Don’t – “quoted” ✓ 🙂 \\ ' \" %s %(x)s",
        "int": 2**53,
        "float": 0.1,
        "bool": False,
        "none": None,
        "nested": {"list": [1, "two", {"three": [3.0]}]},
        "empty": {},
    }
    await store.put("t", "k", doc)
    assert await store.get("t", "k") == {**doc, "_key": "k"}
    assert await store.find("t", text=doc["text"]) == [{**doc, "_key": "k"}]
    await store.put("t", "weird key/with spaces ’", {"v": 1})
    assert (await store.get("t", "weird key/with spaces ’"))["v"] == 1


async def test_add_of_one_key_from_many_tasks_has_exactly_one_winner(store: Store) -> None:
    results = await asyncio.gather(*(store.add("dedupe", "event-1", {"n": n}) for n in range(50)))
    assert results.count(True) == 1
    winner = results.index(True)
    assert await store.get("dedupe", "event-1") == {"n": winner, "_key": "event-1"}


async def test_compare_and_set_from_many_tasks_loses_no_increment(store: Store) -> None:
    await store.put("counters", "c", {"n": 0})

    async def increment() -> int:
        tries = 0
        while True:
            tries += 1
            current = (await store.get("counters", "c"))["n"]
            if await store.update("counters", "c", {"n": current + 1}, expect={"n": current}):
                return tries

    tries = await asyncio.gather(*(increment() for _ in range(40)))
    assert (await store.get("counters", "c"))["n"] == 40
    assert sum(tries) >= 40


async def test_find_upto_returns_numbers_at_most_the_limit_lowest_first(store: Store) -> None:
    for key, due, state in [
        ("a", 30.5, "planned"),
        ("b", 10, "planned"),
        ("c", 20.0, "sending"),
        ("d", 40, "planned"),
        ("e", "15", "planned"),  # text, not a number
        ("f", None, "planned"),
        ("g", True, "planned"),
    ]:
        await store.put("slots", key, {"due_ts": due, "state": state})
    await store.put("slots", "h", {"state": "planned"})  # no due time at all
    await store.put("other", "x", {"due_ts": 1, "state": "planned"})
    found = await store.find_upto("slots", "due_ts", 30.5)
    assert [d["_key"] for d in found] == ["b", "c", "a"]
    planned = await store.find_upto("slots", "due_ts", 35, state="planned")
    assert planned == [
        {"_key": "b", "due_ts": 10, "state": "planned"},
        {"_key": "a", "due_ts": 30.5, "state": "planned"},
    ]
    assert await store.find_upto("slots", "due_ts", 9.99) == []


async def test_find_upto_on_postgresql_uses_the_due_time_index(postgres_url: str) -> None:
    import psycopg

    from bot.store.postgres import PostgresStore

    await (await PostgresStore(postgres_url).open()).close()  # applies the migrations
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "insert into documents (tbl, key, doc) values ('nudge_slots', %s, %s::jsonb)",
                [(f"k{i}", f'{{"due_ts": {i}.0, "state": "planned"}}') for i in range(2000)],
            )
        conn.execute("analyze documents")
        plan = conn.execute(
            "explain select doc from documents where tbl = 'nudge_slots' and doc ? 'due_ts'"
            " and doc -> 'due_ts' <= '5'::jsonb and jsonb_typeof(doc -> 'due_ts') = 'number'"
            " order by doc -> 'due_ts', seq"
        ).fetchall()
    assert "documents_due_ts" in "\n".join(row[0] for row in plan)
