"""`python app.py migrate-store`: a populated TinyDB file moves to PostgreSQL with nothing lost."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.clock import FakeClock
from bot.model import ConversationRef
from bot.settings import load_settings
from bot.store import Store, TinyStore, open_store
from runtime.server import build, close, serving
from runtime.tools import migrate_store
from tests.check.conftest import submit
from tests.conftest import Chat, free_port

ROOT = Path(__file__).resolve().parents[2]
CHANNELS = ["general", "design-group", "café"]
ANSWERS = {
    "sam": "3 3 2 4 1 2 3 3",
    "kim": "4 2 2 3 1 1 3 4",
    "lee": "2 3 3 4 2 2 2 3",
    "jo": "1 1 2 2 1 4 4 2",
    "max": "2 2 2 2 2 2 2 2",
}


async def populate(path: Path) -> dict[str, Any]:
    """Use the bot on TinyDB, then add bulk documents; return what must survive the move."""
    runtime = await build(
        load_settings(COPROD_DB=str(path), COPROD_ADMINS="local:ada"), clock=FakeClock()
    )
    port = free_port()
    async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
        chat = Chat(f"http://127.0.0.1:{port}", session, runtime)
        for channel in CHANNELS:
            assert await chat.say("/coprod principles", channel=channel)
        # A check round with five answers, through the real commands and forms, closed.
        assert await chat.say("/coprod check", channel="general")
        for user, scores in ANSWERS.items():
            replies = await submit(chat, user, scores, role="staff" if user != "kim" else "")
            assert "Thank you" in replies[0]["text"], replies
        closed = await chat.say("/coprod check close", channel="general")
        assert closed and closed[0]["card"], closed
        results = await chat.say("/coprod check results", channel="general")
        assert results and results[0]["card"], results
    store = runtime.store
    ref = ConversationRef.from_dict((await store.find("conversations"))[0])
    await runtime.core.channel_settings.set(ref, "timezone", "Europe/Paris")
    kept = {
        "ref": ref,
        "code": await runtime.core.identity.code(ref, "alex", "check"),
        "timezone": await runtime.core.channel_settings.get(ref, "timezone"),
        "results": results,
    }
    # Concurrent puts share TinyDB's flushes and still land in order.
    await asyncio.gather(
        *(
            store.put(
                "check_answers",
                f"round-{i % 7}:{i}",
                {"round": f"round-{i % 7}", "scores": [i % 5, None, 3], "as": "staff", "n": i / 3},
            )
            for i in range(400)
        ),
        *(
            store.put("glossary", f"slack:T1:term{i}", {"term": f"Term “{i}”", "meta": {}})
            for i in range(150)
        ),
    )
    await close(runtime)
    return kept


async def documents(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {table: await store.find(table) for table in await store.tables()}


async def run_cli(*args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "app.py",
        "migrate-store",
        *args,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_a_populated_tinydb_file_moves_to_postgresql_with_nothing_lost(
    tmp_path: Path, postgres_url: str
) -> None:
    source = tmp_path / "coprod.json"
    kept = await populate(source)
    tiny = await TinyStore(source).open()
    before = await documents(tiny)
    await tiny.close()
    assert {"conversations", "secrets", "settings", "check_answers", "glossary"} <= set(before)

    code, out, err = await run_cli("--from", str(source), "--to", postgres_url)
    assert code == 0, err
    for table, docs in before.items():
        assert any(
            line.split() == [table, str(len(docs)), str(len(docs))] for line in out.split("\n")
        ), out
    assert "every table matches" in out

    pg = await open_store(postgres_url)
    try:
        assert await documents(pg) == before  # same documents, same keys, same order
    finally:
        await pg.close()

    # The bot on PostgreSQL recognises the same people and keeps the same settings.
    runtime = await build(
        load_settings(COPROD_DB=postgres_url, COPROD_ADMINS="local:ada"), clock=FakeClock()
    )
    try:
        ref = kept["ref"]
        assert await runtime.core.identity.code(ref, "alex", "check") == kept["code"]
        assert await runtime.core.channel_settings.get(ref, "timezone") == kept["timezone"]
        assert await runtime.core.conversation(ref.channel_key) == ref
    finally:
        await close(runtime)

    # `check results` on a bot using PostgreSQL gives the same results as before the move.
    runtime = await build(
        load_settings(COPROD_DB=postgres_url, COPROD_ADMINS="local:ada"), clock=FakeClock()
    )
    port = free_port()
    async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
        chat = Chat(f"http://127.0.0.1:{port}", session, runtime)
        after = await chat.say("/coprod check results", channel="general")
    await close(runtime)
    assert after == kept["results"]
    text = after[0]["card"]["fallback_text"]
    assert "(5)" in text and "5. Foster Open and Transparent Communication: 1.4" in text

    # A second run refuses to mix into a store that has data; --force replaces it.
    code, out, err = await run_cli("--from", str(source), "--to", postgres_url)
    assert code == 2
    assert "already holds documents" in err and "--force" in err
    code, out, err = await run_cli("--from", str(source), "--to", postgres_url, "--force")
    assert code == 0, err

    # And back again: PostgreSQL to a new TinyDB file gives the same documents.
    back = tmp_path / "back.json"
    code, out, err = await run_cli("--from", postgres_url, "--to", str(back))
    assert code == 0, err
    again = await TinyStore(back).open()
    try:
        assert await documents(again) == before
    finally:
        await again.close()


async def test_a_copy_that_differs_from_its_source_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = await TinyStore(tmp_path / "a.json").open()
    for i in range(5):
        await source.put("t", str(i), {"i": i})
    await source.put("u", "x", {"v": 1})
    await source.close()
    real_copy = migrate_store.copy_table

    async def lossy_copy(src: Store, dst: Store, table: str) -> int:
        count = await real_copy(src, dst, table)
        if table == "t":
            await dst.delete(table, "3")
        else:
            await dst.update(table, "x", {"v": 2})
        return count

    monkeypatch.setattr(migrate_store, "copy_table", lossy_copy)
    out = io.StringIO()
    code = await migrate_store.migrate(
        str(tmp_path / "a.json"), str(tmp_path / "b.json"), force=False, out=out
    )
    assert code == 2
    lines = [line.split() for line in out.getvalue().splitlines()]
    assert ["t", "5", "4", "COUNTS", "DIFFER"] in lines
    assert ["u", "1", "1", "DIFFERENT"] in lines
    assert "does not match the source in: t, u." in capsys.readouterr().err


async def test_the_same_store_on_both_sides_is_refused() -> None:
    code, _out, err = await run_cli("--from", "x.json", "--to", "x.json")
    assert code == 2
    assert "same store" in err
