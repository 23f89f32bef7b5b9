"""A fold takes the tables one at a time (issue 19): writes and reads go on between them, and
what the files hold afterwards, read again, is what the store holds."""

from __future__ import annotations

import asyncio
import concurrent.futures.thread
import gc
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bot.store import TinyStore
from bot.store.journal import journal_path, journals, read_state
from bot.store.tiny_fold import TinyFold


def _values(state: dict[str, dict[str, dict]]) -> dict[tuple[str, str], object]:
    return {(t, r["_key"]): r.get("v") for t, rows in state.items() for r in rows.values()}


async def _live(store: TinyStore) -> dict[tuple[str, str], object]:
    return {(t, d["_key"]): d.get("v") for t in await store.tables() for d in await store.find(t)}


async def test_writes_go_on_while_a_fold_takes_its_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path, fold_floor=1 << 40).open()
    for table in ("a", "b", "c"):
        for i in range(50):
            await store.put(table, f"k{i}", {"v": i, "channel_key": f"C{i % 3}"})
    loop = asyncio.get_running_loop()
    real = TinyFold._take_tables
    between: list[str] = []

    def take_with_writes_between(self: TinyFold, names: list[str]) -> dict:
        if between:  # the fold the deletes bring: as it is
            return real(self, names)
        taken = {}
        for name in names:
            taken.update(real(self, [name]))
            # On the fold's thread, after one table is taken: a write to a table taken already,
            # one to a table still to come, a move to the end, a delete and a new table. Each
            # must finish at once (the lock is free, the worker is free).
            for write in (
                store.put("a", "k1", {"v": f"after {name}", "channel_key": "C1"}),
                store.put("c", "k2", {"v": f"after {name}", "channel_key": "C2"}),
                store.update("b", "k3", {"v": f"after {name}"}),
                store.delete("b", f"k{10 + len(between)}"),
                store.add("new", f"n{len(between)}", {"v": name}),
            ):
                asyncio.run_coroutine_threadsafe(write, loop).result(timeout=10)
            reading = asyncio.run_coroutine_threadsafe(store.find("a", channel_key="C1"), loop)
            assert reading.result(timeout=10)[-1]["v"] == f"after {name}"
            between.append(name)
        return taken

    monkeypatch.setattr(TinyFold, "_take_tables", take_with_writes_between)
    await store.fold()
    # The files and the store now, before the fold the deletes brought forward can start
    # (nothing below suspends until `settle`).
    on_disk, expected = read_state(path), await _live(store)
    assert between == ["a", "b", "c"] and store.folds == 1
    assert _values(on_disk) == expected  # the new snapshot plus the new journal
    await store.settle()
    assert expected[("a", "k1")] == expected[("c", "k2")] == "after c"
    assert ("b", "k10") not in expected and ("new", "n2") in expected
    assert _values(read_state(path)) == expected
    order = [d["_key"] for d in await store.find("c")]
    await store.close()
    store = await TinyStore(path).open()
    try:
        assert await _live(store) == expected
        assert [d["_key"] for d in await store.find("c")] == order  # k2 moved to the end
        assert order[-1] == "k2"
    finally:
        await store.close()


async def test_a_fold_numbers_its_journal_past_one_left_behind(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path, fold_floor=1 << 40).open()
    await store.put("t", "k", {"v": 1})
    journal_path(path, store._number + 1).touch()  # an empty journal an earlier fold left
    await store.fold()
    assert store.folds == 1
    await store.put("t", "k", {"v": 2})
    assert [n for n, _ in journals(path)] == [store._number]
    assert _values(read_state(path)) == {("t", "k"): 2}
    await store.close()


def _young_tables(size: int) -> list[dict]:
    """Dicts of at least `size` entries that the cycle collector's young or middle generation
    holds: what its next collections there must walk, entry by entry, on the event loop."""
    return [
        o
        for generation in (0, 1)
        for o in gc.get_objects(generation=generation)
        if type(o) is dict and len(o) >= size
    ]


async def test_a_fold_leaves_the_collector_no_new_table_to_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 500,000 documents a new table dict cost the next young and middle collections 16 ms
    # each: the store now carries on in its own (old) dict and the fold drops its copy.
    real_run = concurrent.futures.thread._WorkItem.run

    def run_then_linger(self: Any) -> None:
        real_run(self)
        time.sleep(0.05)  # a busy machine: the worker thread lets go of its item late

    store = await TinyStore(tmp_path / "db.json", fold_floor=1 << 40).open()
    try:
        for i in range(3000):
            await store.put("big", f"k{i}", {"v": i})
        gc.collect()  # everything so far is old, as a running bot's tables are
        assert _young_tables(3000) == []
        monkeypatch.setattr(concurrent.futures.thread._WorkItem, "run", run_then_linger)
        await store.fold()
        monkeypatch.undo()
        assert store.folds == 1
        assert _young_tables(3000) == []
        assert len(await store.find("big")) == 3000
    finally:
        await store.close()


async def test_a_fold_compacts_a_table_that_lost_most_of_its_documents(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = await TinyStore(path, fold_floor=1 << 40).open()
    try:
        for i in range(3000):
            await store.put("big", f"k{i}", {"v": i})
        for i in range(2900):
            await store.delete("big", f"k{i}")
        await store.settle()  # the deletes bring folds forward; and one now if any is due
        assert store.folds >= 1
        table = store._storage.data["big"]
        assert sys.getsizeof(table) <= 2 * sys.getsizeof({**table})  # not 3,000 entries' room
        assert sorted(d["v"] for d in await store.find("big")) == list(range(2900, 3000))
    finally:
        await store.close()
    assert sorted(r["v"] for r in read_state(path)["big"].values()) == list(range(2900, 3000))


async def test_no_collection_walks_the_tables_a_fold_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fold's copy of a table is a new container holding every document: at 500,000 the
    # first collection after it was made walked them all, 160-260 ms with every thread
    # stopped. While the copies live the collector is off; once they are gone it is on again.
    store = await TinyStore(tmp_path / "db.json", fold_floor=1 << 40).open()
    collections: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    real = TinyFold._write_snapshot
    during: list[int] = []

    def write_while_allocating(self: TinyFold, *args: Any) -> None:
        before = len(collections)
        junk = [[i] for i in range(20 * gc.get_threshold()[0])]  # many young collections' worth
        del junk
        during.append(len(collections) - before)
        real(self, *args)

    try:
        for i in range(500):
            await store.put("big", f"k{i}", {"v": i})
        monkeypatch.setattr(TinyFold, "_write_snapshot", write_while_allocating)
        gc.callbacks.append(seen)
        try:
            await store.fold()
            assert store.folds == 1 and during == [0]  # none while the copies lived
            assert gc.isenabled()
            before = len(collections)
            junk = [[i] for i in range(20 * gc.get_threshold()[0])]
            del junk
            assert len(collections) > before  # and the collector is back on
        finally:
            gc.callbacks.remove(seen)
        assert len(await store.find("big")) == 500
    finally:
        await store.close()
