"""The TinyDB store: crash safety at every step of a write, and one writer."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from bot.store import StoreError, TinyStore
from bot.store.journal import read_state

ROOT = Path(__file__).resolve().parents[2]


async def test_concurrent_writes_all_land(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    await asyncio.gather(*(store.put("t", str(i), {"i": i}) for i in range(300)))
    await store.close()
    data = orjson.loads((tmp_path / "db.json").read_bytes())
    assert len(data["t"]) == 300


async def test_new_documents_never_take_an_id_in_use(tmp_path: Path) -> None:
    """Ids are decimal text; a file edited by hand may hold one with leading zeros ("010").
    A new document gets an id no other document has, so nothing is overwritten."""
    path = tmp_path / "db.json"
    path.write_bytes(
        orjson.dumps({"t": {"11": {"n": 1, "_key": "a"}, "010": {"n": 2, "_key": "b"}}})
    )
    store = await TinyStore(path).open()
    await store.add("t", "c", {"n": 3})
    await store.put("u", "d", {"n": 4})  # a table the snapshot does not have
    assert [d["n"] for d in await store.find("t")] == [1, 2, 3]
    await store.close()
    data = orjson.loads(path.read_bytes())
    assert sorted(d["_key"] for d in data["t"].values()) == ["a", "b", "c"]
    assert list(data["u"]) == ["1"]


def _write_old(path: Path) -> None:
    async def go() -> None:
        store = await TinyStore(path).open()
        await store.put("items", "k", {"state": "old"})
        await store.close()

    asyncio.run(go())


@pytest.mark.parametrize("partial", [False, True], ids=["clean-kill", "torn-write"])
def test_a_crash_at_any_step_leaves_old_or_new_state(tmp_path: Path, partial: bool) -> None:
    path = tmp_path / "db.json"
    _write_old(path)
    seen_states = set()
    kill_at = 1
    while True:
        child = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests" / "store" / "crash_child.py"),
                str(path),
                str(kill_at),
                "partial" if partial else "clean",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
        data = read_state(path)  # snapshot and journal: must always parse
        state = data["items"]["1"]["state"]
        assert state in ("old", "new")
        seen_states.add(state)

        async def reopen() -> str:
            store = await TinyStore(path).open()
            doc = await store.get("items", "k")
            await store.close()
            assert doc is not None
            return str(doc["state"])

        assert asyncio.run(reopen()) == state
        assert not list(tmp_path.glob(".db.json.tmp-*")), "orphan temp file left after restart"
        if child.returncode == 0:
            break
        assert child.returncode == -signal.SIGKILL, child.stderr
        if state == "new":  # reset, so each later step starts from the old state again
            path.unlink()
            _write_old(path)
        kill_at += 1
    assert kill_at >= 5, "the write should pass through several steps"
    assert seen_states == {"old", "new"}


async def test_a_second_process_on_the_same_file_refuses(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path).open()
    code = (
        "import asyncio, sys\n"
        "from bot.store import TinyStore, StoreError\n"
        f"try:\n    asyncio.run(TinyStore({str(path)!r}).open())\n"
        "except StoreError as e:\n    print(e); sys.exit(3)\n"
    )
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 3, result.stderr
    assert "Another coprod process is already using" in result.stdout
    assert "COPROD_DB" in result.stdout
    await store.close()
    again = await TinyStore(path).open()  # free again once the first one closed
    await again.close()


async def test_a_corrupt_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"t": {"1": ')
    with pytest.raises(StoreError, match="not valid JSON"):
        await TinyStore(path).open()


async def test_a_corrupt_file_names_where_it_breaks(tmp_path: Path) -> None:
    """An operator is told the line and column, for a cut-off file as for a bad character."""
    path = tmp_path / "db.json"
    path.write_text('{"t": {"1": ')
    with pytest.raises(StoreError, match=r"line 1 column 13"):
        await TinyStore(path).open()
    path.write_text('{"t":\n {"1": {"a": 1},}}')
    with pytest.raises(StoreError, match=r"line 2 column \d+"):
        await TinyStore(path).open()


async def test_the_app_reports_a_locked_store_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path).open()
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "app.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COPROD_DB": str(path), "PORT": "1"},
        timeout=30,
    )
    await store.close()
    assert result.returncode == 2
    assert "cannot open its store" in result.stderr
    assert "Traceback" not in result.stderr
