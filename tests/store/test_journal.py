"""The TinyDB journal (issue 19): a write appends one line; a kill -9 at any step of an append
or of a fold, or at random under load, loses no acknowledged write and the store still opens."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.store import BadDocument, StoreError, TinyStore
from bot.store.journal import journal_path, journals, put_line, read_state
from bot.store.tiny_base import KEY
from runtime.tools import migrate_store

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "store" / "journal_child.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def _acks(out: str) -> dict[tuple[str, str], int]:
    """The last acknowledged value of each (table, key) in a child's output."""
    acked: dict[tuple[str, str], int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "ack":
            acked[(parts[1], parts[2])] = int(parts[3])
    return acked


async def _state(path: Path) -> dict[tuple[str, str], int]:
    store = await TinyStore(path).open()  # must always open
    try:
        return {
            (table, doc["_key"]): doc["v"]
            for table in await store.tables()
            for doc in await store.find(table)
        }
    finally:
        await store.close()


# ---- what a write costs --------------------------------------------------------------------


async def test_a_write_appends_one_line_and_leaves_the_snapshot_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path).open()
    await asyncio.gather(
        *(store.put("t", f"k{i}", {"v": i, "pad": "x" * 100}) for i in range(3000))
    )
    await store.close()  # folds: the snapshot holds all 3,000
    snapshot = path.stat()
    store = await TinyStore(path).open()
    syncs: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real(fd))[1])
    await store.put("t", "k7", {"v": -7})
    assert await store.update("t", "k8", {"v": -8}) is True
    assert await store.add("t", "new", {"v": 1}) is True
    assert len(syncs) == 3  # one fsync each, of the journal
    (_, journal), *more = journals(path)
    assert not more
    lines = journal.read_bytes().splitlines()
    assert [orjson.loads(line)[0] for line in lines] == ["p", "u", "p"]
    assert path.stat().st_mtime_ns == snapshot.st_mtime_ns  # the snapshot was not rewritten
    assert path.stat().st_ino == snapshot.st_ino
    state = read_state(path)  # what a crash now would leave
    keys = {r["_key"]: r["v"] for r in state["t"].values()}
    assert (keys["k7"], keys["k8"], keys["new"]) == (-7, -8, 1)
    assert store.folds == 0
    await store.close()


async def test_a_delete_brings_a_fold_so_deleted_documents_leave_the_files(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path).open()
    await store.put("answers", "a", {"scores": [4, 4, 4, 4], "who": "sam.k-respondent"})
    await store.put("answers", "b", {"scores": [1, 2, 3, 4]})
    await store.put("totals", "r1", {"answered": 2})
    assert store.folds == 0  # puts alone leave the snapshot alone
    assert await store.delete_where("answers") == 2
    assert store._fold_task is not None  # started by the delete itself
    await store.settle()
    assert store.folds == 1
    raw = b"".join(f.read_bytes() for f in [path, *(p for _, p in journals(path))])
    assert b'"answered":2' in raw
    assert b"respondent" not in raw and b"[4,4,4,4]" not in raw and b"[1,2,3,4]" not in raw
    await store.close()


async def test_a_refused_document_writes_no_line_and_later_writes_replay(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path).open()
    await store.put("t", "a", {"v": 1})
    with pytest.raises(BadDocument):
        await store.put("t", "b", {"v": "\ud800"})
    with pytest.raises(BadDocument):
        await store.update("t", "a", {"v": "nul \x00"})
    await store.put("t", "c", {"v": 3})
    assert await store.update("t", "a", {"v": 2})
    assert len(journals(path)[0][1].read_bytes().splitlines()) == 3
    state = read_state(path)  # as a restart after a crash would replay it
    assert {r["_key"]: r["v"] for r in state["t"].values()} == {"a": 2, "c": 3}
    await store.close()


# ---- damaged journals ----------------------------------------------------------------------


def _journal_with(path: Path, lines: list[bytes], tail: bytes = b"") -> Path:
    journal = journal_path(path, 1)
    journal.write_bytes(b"".join(lines) + tail)
    return journal


def _doc(key: str, v: int) -> bytes:
    return orjson.dumps({"v": v, "_key": key})


async def test_a_torn_last_line_is_ignored_and_cut_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.json"
    good = [put_line("t", "1", _doc("a", 1)), put_line("t", "2", _doc("b", 2))]
    journal = _journal_with(path, good, tail=put_line("t", "3", _doc("c", 3))[:20])
    with caplog.at_level(logging.WARNING):
        store = await TinyStore(path).open()
    assert "unfinished last line" in caplog.text and str(journal) in caplog.text
    assert [d["_key"] for d in await store.find("t")] == ["a", "b"]
    await store.put("t", "d", {"v": 4})  # appended after the last whole line
    assert journal.read_bytes().count(b"\n") == 3
    assert read_state(path)["t"]["3"]["_key"] == "d"
    await store.close()
    assert await _state(path) == {("t", "a"): 1, ("t", "b"): 2, ("t", "d"): 4}


async def test_a_damaged_whole_last_line_is_ignored_too(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _journal_with(path, [put_line("t", "1", _doc("a", 1)), b"\x00\x00\x00\n"])
    assert await _state(path) == {("t", "a"): 1}


async def test_a_damaged_line_before_the_last_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    journal = _journal_with(
        path,
        [
            put_line("t", "1", _doc("a", 1)),
            b'["p","t","2",{"v":\n',
            put_line("t", "3", _doc("c", 3)),
        ],
    )
    with pytest.raises(StoreError) as refused:
        await TinyStore(path).open()
    message = str(refused.value)
    assert f"{journal}, line 2 of 3, is damaged" in message
    assert "backup" in message
    again = await TinyStore(path.with_name("other.json")).open()  # the lock was released
    await again.close()
    with pytest.raises(StoreError, match="line 2 of 3"):
        await TinyStore(path).open()  # and it says so every time, changing nothing


# ---- folding -------------------------------------------------------------------------------


async def test_the_journal_folds_into_the_snapshot_while_writes_go_on(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path, fold_floor=20_000).open()
    for i in range(400):
        await store.put("t", f"k{i % 150}", {"v": i, "pad": "z" * 100})
        if i % 50 == 0:
            assert await store.add("u", f"n{i}", {"v": i})
    while store._fold_task is not None:  # a fold started by the writes, still writing
        await store._fold_task
    assert store.folds >= 1
    numbers = [n for n, _ in journals(path)]
    assert len(numbers) == 1 and numbers[0] >= 2  # the folded journals are gone
    expected = {(t, d["_key"]): d["v"] for t in ("t", "u") for d in await store.find(t)}
    state = read_state(path)
    assert {(t, r["_key"]): r["v"] for t in state for r in state[t].values()} == expected
    assert sum(1 for _ in state["t"]) == 150
    await store.close()
    assert await _state(path) == expected
    assert journals(path) == []  # a clean close leaves only the TinyDB file


async def test_a_fold_keeps_the_event_loop_answering(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    rows = {str(i + 1): {"v": i, "pad": "p" * 150, "_key": f"k{i}"} for i in range(60_000)}
    path.write_bytes(orjson.dumps({"t": rows}))  # 60,000 documents, 10 MB
    store = await TinyStore(path, fold_floor=1 << 40).open()
    await store.put("t", "k1", {"v": -1})
    gaps: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    began = time.perf_counter()
    await store.fold()
    took = time.perf_counter() - began
    stop.set()
    await tick
    assert store.folds == 1
    # The fold's JSON is built 2,000 documents at a time on a thread: the loop runs in between.
    assert len(gaps) >= 10, (took, gaps)
    assert max(gaps) < max(0.25, took / 2), (took, max(gaps))
    await store.close()


# ---- kill -9 -------------------------------------------------------------------------------


def _run_steps(path: Path, kill_at: int, partial: bool) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, str(CHILD), "steps", str(path), str(kill_at)]
    return subprocess.run(
        [*args, *(["partial"] if partial else [])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )


SCRIPT = {  # the values each key is given, in order
    ("items", "a0"): [0, 10],
    ("items", "a1"): [1, 11],
    ("items", "a2"): [2],
    ("more", "b0"): [20],
}
EXPECTED_END = {key: values[-1] for key, values in SCRIPT.items()}


def _check_kill(path: Path, kill_at: int, partial: bool) -> list[str] | None:
    """Run the script killed at step `kill_at`; check the store. The steps, if it finished."""
    path.parent.mkdir()
    child = _run_steps(path, kill_at, partial)
    finished = child.returncode == 0
    assert finished or child.returncode == -signal.SIGKILL, child.stderr
    acked = _acks(child.stdout)
    state = asyncio.run(_state(path))  # the store opens after every kill
    for key, value in acked.items():  # what it acknowledged, or the write in flight
        later = SCRIPT[key][SCRIPT[key].index(value) :]
        assert state.get(key) in later, (kill_at, partial, key, state)
    for key, value in state.items():  # nothing it never wrote
        assert value in SCRIPT[key], (kill_at, partial, key, value)
    assert not list(path.parent.glob(".db.json.tmp-*")), "orphan temp file after reopen"
    assert journals(path) == [], "a clean close after the reopen folds everything"
    if not finished:
        return None
    assert state == EXPECTED_END
    return child.stdout.split("done", 1)[1].split()


def test_a_kill_at_each_step_of_appends_and_folds_loses_no_acknowledged_write(
    tmp_path: Path,
) -> None:
    """Kill point n = the n-th file call after opening: every append, rotation, snapshot write,
    rename and unlink of two folds and of the fold on close. Then each write again, killed
    after writing half its bytes (a torn line or a torn temporary snapshot)."""
    kill_at, trace = 1, None
    while trace is None:
        assert kill_at < 80, "the script should finish within 80 steps"
        trace = _check_kill(tmp_path / f"clean{kill_at}" / "db.json", kill_at, False)
        kill_at += 1
    assert len(trace) == kill_at - 2 and len(trace) > 25, trace
    writes = [n for n, name in enumerate(trace, start=1) if name == "write"]
    assert len(writes) >= 8, trace  # six appends and the snapshots' pieces
    for kill_at in writes:
        assert _check_kill(tmp_path / f"torn{kill_at}" / "db.json", kill_at, True) is None


def test_random_kill_9_under_load_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Eight writers, folds every ~100 writes; killed at a random moment, five times over."""
    path = tmp_path / "db.json"
    rng = random.Random(19)
    acked: dict[tuple[str, str], int] = {}
    folds = 0
    for round_no in range(1, 6):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), "load", str(path), str(round_no)],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.4, 1.5))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, err
        acked.update(_acks(out))
        folds += sum(1 for line in out.splitlines() if line.startswith("folds "))
        state = asyncio.run(_state(path))
        missing = {k: v for k, v in acked.items() if k not in state or state[k] < v}
        assert not missing, f"round {round_no}: acknowledged writes lost: {missing}"
    assert len(acked) > 100
    assert folds >= 1, "the load should have folded the journal at least once"


# ---- migrate-store -------------------------------------------------------------------------


async def test_migrate_store_reads_a_journal_left_by_a_kill(tmp_path: Path) -> None:
    source = tmp_path / "coprod.json"
    code = (
        "import asyncio, os, signal\n"
        "from bot.store import TinyStore\n"
        "async def go():\n"
        f"    s = await TinyStore({str(source)!r}).open()\n"
        "    for i in range(50):\n"
        "        await s.put('answers', f'k{i}', {'v': i})\n"
        "    await s.update('answers', 'k3', {'v': 33})\n"
        "    await s.delete('answers', 'k4')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "asyncio.run(go())\n"
    )
    child = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert not source.exists() and journals(source), "only the journal holds the writes"
    target = tmp_path / "copy.json"
    out = io.StringIO()
    assert await migrate_store.migrate(str(source), str(target), force=False, out=out) == 0
    assert "All 49 documents copied" in out.getvalue()
    copied = await _state(target)
    assert len(copied) == 49 and copied[("answers", "k3")] == 33
    assert ("answers", "k4") not in copied


async def test_concurrent_writes_reach_the_store_in_the_order_they_were_called(
    tmp_path: Path,
) -> None:
    """As `migrate-store` writes: 16 at a time through a semaphore. `find` returns insertion
    order, so a write that waited for the flush must not be overtaken by a later one."""
    store = await TinyStore(tmp_path / "db.json").open()
    gate = asyncio.Semaphore(16)

    async def put(i: int) -> None:
        async with gate:
            await store.put("t", f"k{i}", {"i": i})

    await asyncio.gather(*(put(i) for i in range(400)))
    assert [d["i"] for d in await store.find("t")] == list(range(400))
    await store.close()


async def test_writes_made_while_a_flush_runs_share_the_next_one(tmp_path: Path) -> None:
    """Each write changes memory on the loop and waits for a flush that covers it: 200 writes
    at once take a handful of trips to the worker thread (each an fsync), not one each, and
    every one is in the journal when its write returns."""
    store = await TinyStore(tmp_path / "db.json").open()
    trips = 0
    real_run, real_flush = store._run, store._flush_sync

    async def counted_run(fn: Any, *args: Any) -> Any:
        nonlocal trips
        trips += 1
        return await real_run(fn, *args)

    def slow_flush(probe: bool) -> int:
        time.sleep(0.005)  # a slow disk: writers pile up behind the flush
        return real_flush(probe)

    store._run = counted_run  # type: ignore[method-assign]
    store._flush_sync = slow_flush  # type: ignore[method-assign]
    results = await asyncio.gather(
        *(store.add("t", f"k{i}", {"i": i}) for i in range(200)),
        store.add("t", "k0", {"i": -1}),  # a repeat: refused, in the order it was called
    )
    assert results == [True] * 200 + [False]
    assert 1 <= trips <= 4, trips
    lines = journal_path(tmp_path / "db.json", 1).read_bytes().splitlines()
    assert len(lines) == 200
    assert (await store.get("t", "k199") or {}).get("i") == 199
    await store.close()


async def test_the_writers_a_flush_covers_all_return_within_a_loop_turn_of_it(
    tmp_path: Path,
) -> None:
    """Writers waiting for a flush wake together when it ends, not one loop turn apart (the
    old lock convoy: under load each turn carries other work, so a flush's forty-odd writers
    took most of 80 ms to return, and the next flush waited behind them)."""
    store = await TinyStore(tmp_path / "db.json").open()
    loop = asyncio.get_running_loop()
    turns, ticking = 0, True

    def tick() -> None:
        nonlocal turns
        turns += 1
        if ticking:
            loop.call_soon(tick)

    flushed_at: list[int] = []
    returned_at: list[int] = []
    real_done = store._flush_done

    def flush_done(version: int) -> None:
        flushed_at.append(turns)
        real_done(version)

    async def write(i: int) -> None:
        await store.put("t", f"k{i}", {"i": i})
        returned_at.append(turns)

    store._flush_done = flush_done  # type: ignore[method-assign]
    loop.call_soon(tick)
    await asyncio.gather(*(write(i) for i in range(100)))
    ticking = False
    assert len(returned_at) == 100 and flushed_at
    assert max(returned_at) - flushed_at[-1] <= 3, (flushed_at, sorted(returned_at)[-5:])
    await store.close()


async def test_a_cancelled_writer_leaves_the_shared_flush_to_the_others(tmp_path: Path) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    real_flush = store._flush_sync

    def slow_flush(probe: bool) -> int:
        time.sleep(0.05)
        return real_flush(probe)

    store._flush_sync = slow_flush  # type: ignore[method-assign]
    first = asyncio.ensure_future(store.put("t", "a", {"n": 1}))
    others = [asyncio.ensure_future(store.put("t", f"b{i}", {"n": i})) for i in range(5)]
    await asyncio.sleep(0.01)
    first.cancel()
    await asyncio.gather(*others)  # not cancelled with it
    store._flush_sync = real_flush  # type: ignore[method-assign]
    await store.close()
    reopened = await TinyStore(tmp_path / "db.json").open()
    assert await reopened.count("t") == 6  # the cancelled writer's change was made and saved
    await reopened.close()


async def test_a_whole_table_delete_keeps_call_order_with_the_writes_around_it(
    tmp_path: Path,
) -> None:
    """`delete_upto` scans on the worker thread; a put called before it is deleted by it, and
    one called after it (while it is still queued there) is not."""
    store = await TinyStore(tmp_path / "db.json").open()
    for i in range(2000):
        await store.put("t", f"k{i}", {"n": i % 50})
    _before, deleted, _after = await asyncio.gather(
        store.put("t", "before", {"n": 1}),
        store.delete_upto("t", "n", 10),
        store.put("t", "after", {"n": 1}),
    )
    assert deleted == 2000 * 11 // 50 + 1
    assert await store.get("t", "before") is None
    assert (await store.get("t", "after") or {}).get("n") == 1
    await store.close()
    reopened = await TinyStore(tmp_path / "db.json").open()
    assert await reopened.get("t", "before") is None
    assert await reopened.get("t", "after") is not None
    await reopened.close()


async def test_a_whole_table_delete_leaves_the_event_loop_its_turns(tmp_path: Path) -> None:
    """Scanning 300,000 documents takes tens of ms: on the worker thread, with the loop
    getting the GIL back every millisecond, a ticker on the loop keeps ticking meanwhile."""
    store = await TinyStore(tmp_path / "db.json").open()
    store._storage.data["big"] = {str(i): {"n": i, KEY: f"k{i}"} for i in range(1, 300_001)}
    store._index["big"] = {f"k{i}": str(i) for i in range(1, 300_001)}
    ticks = 0
    scanning = True

    async def ticker() -> None:
        nonlocal ticks
        while scanning:
            ticks += 1
            await asyncio.sleep(0)

    previous = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        task = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        start = ticks
        assert await store.delete_upto("big", "n", -1) == 0  # a scan that matches nothing
        scanning = False
        await task
    finally:
        sys.setswitchinterval(previous)
    assert ticks - start >= 3, ticks - start
    await store.close()


async def test_closing_waits_for_a_flush_already_started(tmp_path: Path) -> None:
    """A health probe's flush made just before `close` runs before the files are closed."""
    store = await TinyStore(tmp_path / "db.json").open()
    await store.put("t", "a", {"n": 1})
    probe = asyncio.ensure_future(store._commit(probe=True))
    await asyncio.sleep(0)  # the probe's flush task exists and has not run yet
    await store.close()
    await probe  # the probe's sync went through, before the journal was closed
    reopened = await TinyStore(tmp_path / "db.json").open()
    assert (await reopened.get("t", "a") or {}).get("n") == 1
    await reopened.close()
