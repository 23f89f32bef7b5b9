"""PostgreSQL query plans: a find on `channel_key` is served by the channel index (migration
0003), not by reading the whole table, and gives the same documents in the same order."""

from __future__ import annotations

import psycopg

from bot.store.pg_sql import _fields_select
from bot.store.postgres import PostgresStore, _matches


async def test_find_by_channel_uses_the_channel_index(postgres_url: str) -> None:
    store = await PostgresStore(postgres_url).open()
    try:
        for n in range(60):
            doc = {"channel_key": f"slack:T1:C{n % 6}", "status": "open" if n % 3 else "done"}
            await store.put("actions", f"k{n}", doc)
        where = {"channel_key": "slack:T1:C2", "status": "open"}
        found = await store.find("actions", **where)
    finally:
        await store.close()
    assert [d["_key"] for d in found] == [f"k{n}" for n in range(60) if n % 6 == 2 and n % 3]
    cond, params = _matches(where)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("analyze documents")
        conn.execute("set enable_seqscan = off")  # a table this small would be read whole
        rows = conn.execute(
            "explain select doc from documents where tbl = %s" + cond + " order by seq",
            ["actions", *params],
        ).fetchall()
    plan = "\n".join(row[0] for row in rows)
    assert "documents_channel_seq" in plan, plan
    assert "Sort" not in plan, plan  # the index gives insertion order


async def test_find_fields_by_channel_uses_the_channel_index(postgres_url: str) -> None:
    """`find_fields` (a channel's open actions, as the list and the reflection read them)
    reads only the channel's documents and sends them as one JSON value."""
    store = await PostgresStore(postgres_url).open()
    try:
        for n in range(60):
            doc = {"channel_key": f"slack:T1:C{n % 6}", "status": "open" if n % 3 else "done"}
            await store.put("actions", f"k{n}", {**doc, "n": n})
        where = {"channel_key": "slack:T1:C2", "status": "open"}
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("analyze documents")
        found = await store.find_fields("actions", ("_key", "n"), **where)
    finally:
        await store.close()
    assert found == [(f"k{n}", n) for n in range(60) if n % 6 == 2 and n % 3]
    cond, params = _matches(where)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("set enable_seqscan = off")
        rows = conn.execute("explain " + _fields_select(cond), ["actions", *params]).fetchall()
    plan = "\n".join(row[0] for row in rows)
    assert "documents_channel_seq" in plan, plan
