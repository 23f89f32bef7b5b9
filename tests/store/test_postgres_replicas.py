"""Several processes on one PostgreSQL database: the atomic add and compare-and-set that
replicas rely on (event dedupe, nudge claims, counted-once answers), and migrations at start-up."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.store import StoreError, open_store
from bot.store.postgres import PostgresStore, apply_migrations, migrations

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "store" / "replica_child.py"
REPLICAS = 3


async def run_replicas(url: str, mode: str, count: int) -> list[dict[str, Any]]:
    """Start REPLICAS processes, release them together once all are ready, collect results."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            str(CHILD),
            url,
            mode,
            str(count),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        for _ in range(REPLICAS)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), 60)
            if line.strip() != b"ready":
                _out, err = await proc.communicate()
                pytest.fail(f"replica did not start: {line!r} {err.decode()}")
        outputs = await asyncio.wait_for(
            asyncio.gather(*(p.communicate(b"go\n") for p in procs)), 120
        )
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
    results = []
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        results.append(json.loads(out.decode().strip().splitlines()[-1]))
    return results


async def test_add_of_the_same_keys_from_three_processes_has_one_winner_each(
    postgres_url: str,
) -> None:
    keys = 300
    results = await run_replicas(postgres_url, "add", keys)
    won = [set(r["won"]) for r in results]
    assert sum(len(w) for w in won) == keys  # every key won exactly once in total
    assert set().union(*won) == {f"k{i}" for i in range(keys)}
    store = await open_store(postgres_url)
    try:
        for r in results:
            for key in r["won"][:20]:
                assert (await store.get("race", key))["by"] == r["pid"]
        assert await store.count("race") == keys
    finally:
        await store.close()


async def test_compare_and_set_claims_from_three_processes_have_one_winner_each(
    postgres_url: str,
) -> None:
    keys = 300
    store = await open_store(postgres_url)
    try:
        for i in range(keys):
            await store.put("race", f"k{i}", {"state": "due"})
        results = await run_replicas(postgres_url, "claim", keys)
        won = [set(r["won"]) for r in results]
        assert sum(len(w) for w in won) == keys
        assert set().union(*won) == {f"k{i}" for i in range(keys)}
        owner = {doc["_key"]: doc["by"] for doc in await store.find("race", state="claimed")}
        assert len(owner) == keys
        for r in results:
            assert all(owner[k] == r["pid"] for k in r["won"])
        assert await store.count("race", state="due") == 0
    finally:
        await store.close()


async def test_compare_and_set_increments_from_three_processes_lose_nothing(
    postgres_url: str,
) -> None:
    each = 40
    store = await open_store(postgres_url)
    try:
        await store.put("race", "counter", {"n": 0})
        results = await run_replicas(postgres_url, "increment", each)
        assert (await store.get("race", "counter"))["n"] == REPLICAS * each
        assert sum(r["tries"] for r in results) >= REPLICAS * each
    finally:
        await store.close()


async def test_replicas_starting_together_apply_each_migration_once(
    postgres_url: str,
) -> None:
    await run_replicas(postgres_url, "open", 0)
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("select version, name from schema_migrations order by 1").fetchall()
        assert rows == [(m.version, m.name) for m in migrations()]
        assert conn.execute("select count(*) from documents").fetchone() == (0,)
    async with await psycopg.AsyncConnection.connect(postgres_url) as conn:
        assert await apply_migrations(conn) == []  # nothing left to do


async def test_open_store_chooses_postgresql_for_its_url_schemes(postgres_url: str) -> None:
    for url in (postgres_url, postgres_url.replace("postgresql://", "postgres://", 1)):
        store = await open_store(url)
        try:
            assert isinstance(store, PostgresStore)
            assert await store.add("t", "k", {}) is (url == postgres_url)
        finally:
            await store.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql://coprod:s3cret@127.0.0.1:1/coprod",
            "cannot connect to PostgreSQL at 127.0.0.1:1",
        ),
        (
            "postgresql://coprod:s3cret@127.0.0.1:5432/db?nonsense=1",
            "not a valid PostgreSQL address",
        ),
        ("postgresql://coprod:s3cret@127.0.0.1:port/db", "cannot connect"),
    ],
    ids=["unreachable", "bad-option", "bad-port"],
)
async def test_a_wrong_address_gives_a_clear_error_without_the_password(
    url: str, expected: str
) -> None:
    with pytest.raises(StoreError) as caught:
        await open_store(url)
    message = str(caught.value)
    assert "COPROD_DB" in message
    assert expected in message
    assert "postgresql://user:password@host:5432/dbname" in message
    assert "s3cret" not in message


async def test_the_app_reports_an_unreachable_database_without_traceback() -> None:
    result = await asyncio.create_subprocess_exec(
        sys.executable,
        "app.py",
        cwd=ROOT,
        env={
            **os.environ,
            "COPROD_DB": "postgresql://coprod:s3cret@127.0.0.1:1/coprod",
            "PORT": "1",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _out, err = await asyncio.wait_for(result.communicate(), 60)
    text = err.decode()
    assert result.returncode == 2
    assert "cannot open its store: COPROD_DB: cannot connect" in text
    assert "Check that the server is running" in text
    assert "Traceback" not in text and "s3cret" not in text


async def test_two_app_replicas_started_together_share_one_database(postgres_url: str) -> None:
    """Two real `python app.py` processes on one database: both come up (the migration lock
    holds), both answer, and what each stores is seen by the other's database."""
    import aiohttp

    from tests.conftest import free_port

    ports = [free_port(), free_port()]
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "app.py",
            cwd=ROOT,
            env={**os.environ, "COPROD_DB": postgres_url, "PORT": str(port), "COPROD_LOCAL": "1"},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), 60)
            assert b"coprod is running" in line, (await proc.communicate())[1].decode()
        async with aiohttp.ClientSession() as session:
            for port, channel in zip(ports, ["general", "design"], strict=True):
                async with session.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    assert resp.status == 200
                async with session.post(
                    f"http://127.0.0.1:{port}/local/messages",
                    json={"user": "alex", "channel": channel, "text": "/coprod principles"},
                ) as resp:
                    assert resp.status == 200
                    assert (await resp.json())["replies"]
    finally:
        for proc in procs:
            proc.terminate()
        codes = [await asyncio.wait_for(p.wait(), 30) for p in procs]
    assert codes == [0, 0]
    store = await open_store(postgres_url)
    try:
        channels = {d["channel"] for d in await store.find("conversations")}
        assert {"general", "design"} <= channels
    finally:
        await store.close()
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("select count(*) from schema_migrations").fetchone() == (
            len(migrations()),
        )
