"""Purging expired records is one write however many expire (issue 13, defect 6)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.slack import replay
from adapters.slack.dedupe import KEEP_SECONDS, TABLE, EventDedupe
from bot.clock import FakeClock
from bot.store import Store, TinyStore

WRITES = ("put", "add", "update", "delete", "delete_where", "delete_upto")
READS = ("get", "find", "find_fields", "find_upto", "count")


class Counting:
    """A real store that counts its write calls (and its reads)."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.writes: list[str] = []
        self.reads: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in WRITES + READS:
            return attr
        calls = self.writes if name in WRITES else self.reads

        async def counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return await attr(*args, **kwargs)

        return counted


async def test_delete_upto_removes_numbers_at_most_the_limit(store: Store) -> None:
    await store.put("t", "old", {"at": 1, "team": "T1"})
    await store.put("t", "edge", {"at": 5.0, "team": "T1"})
    await store.put("t", "new", {"at": 9, "team": "T1"})
    await store.put("t", "other", {"at": 1, "team": "T2"})
    await store.put("t", "none", {"team": "T1"})
    await store.put("t", "text", {"at": "1", "team": "T1"})
    assert await store.delete_upto("t", "at", 5, team="T1") == 2
    assert [d["_key"] for d in await store.find("t")] == ["new", "other", "none", "text"]
    assert await store.delete_upto("t", "at", 100) == 2
    assert await store.delete_upto("missing", "at", 100) == 0
    assert [d["_key"] for d in await store.find("t")] == ["none", "text"]


async def test_the_slack_dedupe_purge_is_one_write(store: Store) -> None:
    clock = FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    counting = Counting(store)
    dedupe = EventDedupe(counting, clock)  # type: ignore[arg-type]
    now = clock.now().timestamp()
    for i in range(300):
        await store.put(TABLE, f"T1:Ev{i}", {"at": now - KEEP_SECONDS - 10 - i})
    await store.put(TABLE, "T1:fresh", {"at": now - 60})
    assert await dedupe.purge(now) == 300
    assert counting.writes == ["delete_upto"]
    assert [d["_key"] for d in await store.find(TABLE)] == ["T1:fresh"]


async def test_a_tinydb_purge_of_thousands_syncs_the_disk_once_or_twice(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = await TinyStore(tmp_path / "db.json").open()
    clock = FakeClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    now = clock.now().timestamp()
    dedupe = EventDedupe(store, clock)
    for i in range(2000):
        await store.add(TABLE, f"T1:Ev{i}", {"at": now - KEEP_SECONDS - 10})
    syncs = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real(fd))[1])
    assert await dedupe.purge(now) == 2000
    assert 1 <= len(syncs) <= 2  # the file (and its folder), once
    await store.close()


async def test_the_slack_replay_purge_is_one_write_and_reads_nothing(store: Store) -> None:
    # It used to read every signature to learn which buckets there were: at a thousand
    # commands a second that was 35-42 ms on the event loop once a minute (a probe, 3 December).
    counting = Counting(store)
    now = 1_000_000_000.0
    guard = replay.ReplayGuard(counting, now=lambda: now)  # type: ignore[arg-type]
    stale = int(now - replay.SKEW_SECONDS) - 2 * replay.WINDOW_SECONDS  # two buckets back
    for i in range(300):
        await store.add(replay.TABLE, f"v0=old{i}", {"bucket": stale // replay.WINDOW_SECONDS})
    current = int(now) // replay.WINDOW_SECONDS
    for i in range(5):
        await store.add(replay.TABLE, f"v0=new{i}", {"bucket": current})
    await store.add(replay.TABLE, "v0=last", {"bucket": current - 1})  # may still be valid
    assert await guard.purge(now) == 300
    assert counting.writes == ["delete_upto"] and counting.reads == []
    kept = sorted(d["_key"] for d in await store.find(replay.TABLE))
    assert kept == ["v0=last", *(f"v0=new{i}" for i in range(5))]


async def test_the_tip_hold_back_purge_is_one_write_a_table_and_reads_nothing(
    store: Store,
) -> None:
    # It read every cooldown, counter and claim, then deleted the expired ones one write each:
    # in a busy workspace, thousands of writes once an hour, after a scan on the event loop.
    from bot.jargon import holdback

    now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    cutoff = int(now.timestamp())
    tables = (holdback.COOLDOWNS, holdback.COUNTS, holdback.CLAIMING)
    for table in tables:
        for i in range(200):
            await store.add(table, f"old{i}", {"scope": "slack:T1", "expires": cutoff - i})
        await store.add(table, "fresh", {"scope": "slack:T1", "expires": cutoff + 60})
    counting = Counting(store)
    hold = holdback.HoldBack(counting)  # type: ignore[arg-type]
    assert await hold.purge(now) == 600
    assert counting.writes == ["delete_upto"] * 3
    assert counting.reads == ["find"]  # the monthly tallies: one document a channel and month
    for table in tables:
        assert [d["_key"] for d in await store.find(table)] == ["fresh"]
    assert await hold.purge(now) == 0  # at most once an hour
