"""Three scheduler replicas on one PostgreSQL database: 1,000 nudges fall due across 50
channels and each slot is posted exactly once; a replica killed (SIGKILL) while it holds claims
has its nudges finished by the others.

Each replica is `tests/nudges/kill_child.py` (the real Scheduler and PostgresStore, an
accelerated clock) with its own fsynced post log in one shared directory; the adapter's
`delivered` reads every log, as a platform would answer, so recovery is exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.scheduling.slots import expand
from bot.store import TinyStore, open_store
from bot.store.postgres import PostgresStore
from tests.nudges import kill_child

CHILD = Path(kill_child.__file__)
T0 = "2026-01-06T10:00:00+00:00"  # meetings end between 10:31 and 12:11 (UTC), +5 min delay
RUN_FROM = "2026-01-06T11:10:00+00:00"  # about 400 are already due: a burst, then the rest
SPEED = 600.0  # simulated seconds per real second: the last nudges fall due after ~7 s
# Simulated seconds (6 s real). Claims are renewed just before each post and a post is bounded
# (half of this, in real seconds), so a slow machine cannot make a live claim look stale.
CLAIM_TIMEOUT = "3600"
GRACE = "86400"  # simulated seconds: however busy the machine, nothing is skipped as late
REPLICAS = 3
EXPECTED = kill_child.CHANNELS * kill_child.PER_CHANNEL
LAST_DUE = "2026-01-06T12:16:00+00:00"


def _env(**values: str) -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", **values}


def _posts(logs: Path) -> dict[str, list[dict[str, str]]]:
    """Each replica's posts, by log file name."""
    found: dict[str, list[dict[str, str]]] = {}
    for path in sorted(logs.glob("posts-*.jsonl")):
        found[path.name] = []
        for line in path.read_text().splitlines():
            try:
                found[path.name].append(json.loads(line))
            except ValueError:
                pass  # a line cut short by SIGKILL was never posted
    return found


def _all(logs: Path) -> list[dict[str, str]]:
    return [post for posts in _posts(logs).values() for post in posts]


class Replica:
    """One child process, its stdout lines collected by a thread."""

    def __init__(self, url: str, logs: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "run", url, str(logs)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def ready(self) -> bool:
        return "ready" in self.lines

    def held(self) -> list[tuple[str, str]]:
        return [tuple(x.split()[1:3]) for x in self.lines if x.startswith("holding ")]  # type: ignore[misc]

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The documents of 50 channels × 20 daily meetings, set up once through the real commands
    on TinyDB (much faster than 1,000 commands on PostgreSQL on a busy machine)."""
    db = tmp_path_factory.mktemp("replicas") / "db.json"
    subprocess.run(
        [sys.executable, str(CHILD), "setup", str(db), str(db.parent / "unused.jsonl")],
        env=_env(KILL_T0=T0, KILL_W0="0", KILL_SPEED="0"),
        check=True,
        timeout=120,
    )

    async def read() -> list[dict[str, Any]]:
        store = await TinyStore(db).open()
        try:
            return [
                {"table": table, "doc": doc}
                for table in await store.tables()
                for doc in await store.find(table)
            ]
        finally:
            await store.close()

    return asyncio.run(read())


def _setup(url: str, planned: list[dict[str, Any]]) -> None:
    """Load the planned documents into the fresh schema in one transaction."""

    async def load() -> None:
        await (await PostgresStore(url).open()).close()  # applies the migrations
        async with await psycopg.AsyncConnection.connect(url) as conn:
            async with conn.cursor() as cur:
                await cur.executemany(
                    "insert into documents (tbl, key, doc) values (%s, %s, %s::jsonb)",
                    [(d["table"], d["doc"]["_key"], json.dumps(d["doc"])) for d in planned],
                )

    asyncio.run(load())


def _started(replicas: list[Replica], cap: float = 240) -> None:
    """Until every replica's scheduler has started (a loaded machine starts them slowly; the
    progress checks below only begin once they run)."""
    began = time.monotonic()
    while not all(r.ready() for r in replicas) and time.monotonic() - began < cap:
        assert all(r.proc.poll() is None for r in replicas), "a replica exited"
        time.sleep(0.05)


def _sent(url: str) -> int:
    """How many due reflection slots are marked sent (read straight from the database)."""
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "select count(*) from documents where tbl = 'nudge_slots'"
            " and doc ->> 'state' = 'sent' and doc ->> 'nominal' <= %s"
            " and key like '%%|reflection|%%'",
            [LAST_DUE],
        ).fetchone()
    return int(row[0]) if row else 0


def _wait_for(url: str, logs: Path, count: int, stall: float = 30, cap: float = 300) -> None:
    """Until `count` posts and `count` slots marked sent, or no progress in either for `stall`
    seconds (on a busy machine the replicas are slow, not stuck: no fixed deadline, and no
    fixed time between a post and its mark)."""
    seen, progress, began = (-1, -1), time.monotonic(), time.monotonic()
    while time.monotonic() - progress < stall and time.monotonic() - began < cap:
        now = (len(_all(logs)), _sent(url))
        if min(now) >= count:
            break
        if now != seen:
            seen, progress = now, time.monotonic()
        time.sleep(0.2)
    time.sleep(1.0)  # anything extra (a double) would show now


async def _slots(url: str) -> list[dict[str, Any]]:
    store = await open_store(url)
    try:
        return [
            slot
            for slot in map(expand, await store.find("nudge_slots"))
            if slot["kind"] == "reflection"
        ]
    finally:
        await store.close()


def _assert_each_slot_posted_once(url: str, logs: Path) -> list[dict[str, Any]]:
    posts = _all(logs)
    counts = Counter(p["nudge"] for p in posts)
    doubles = {k: n for k, n in counts.items() if n > 1}
    assert not doubles, f"posted more than once: {doubles}"
    slots = [s for s in asyncio.run(_slots(url)) if s["nominal"] <= LAST_DUE]
    assert len(slots) == EXPECTED
    assert Counter(s["state"] for s in slots) == {"sent": EXPECTED}
    assert {s["nudge"] for s in slots} == set(counts)
    return slots


@pytest.mark.slow
def test_three_replicas_post_each_of_1000_due_nudges_exactly_once(
    postgres_url: str, tmp_path: Path, planned: list[dict[str, Any]]
) -> None:
    logs = tmp_path / "posts"
    logs.mkdir()
    _setup(postgres_url, planned)
    env = _env(
        KILL_T0=RUN_FROM,
        KILL_W0=repr(time.time()),
        KILL_SPEED=repr(SPEED),
        KILL_CLAIM_TIMEOUT=CLAIM_TIMEOUT,
        KILL_GRACE=GRACE,
    )
    replicas = [Replica(postgres_url, logs, env) for _ in range(REPLICAS)]
    try:
        _started(replicas)
        _wait_for(url=postgres_url, logs=logs, count=EXPECTED)
    finally:
        for replica in replicas:
            replica.kill()
    _assert_each_slot_posted_once(postgres_url, logs)
    per_replica = {name: len(posts) for name, posts in _posts(logs).items()}
    assert sum(per_replica.values()) == EXPECTED
    assert len([n for n in per_replica.values() if n > 0]) >= 2, per_replica
    print(f"\nthree replicas, {EXPECTED} nudges: posts per replica {sorted(per_replica.values())}")


@pytest.mark.slow
def test_a_replica_killed_while_holding_claims_has_its_nudges_finished_by_another(
    postgres_url: str, tmp_path: Path, planned: list[dict[str, Any]]
) -> None:
    logs = tmp_path / "posts"
    logs.mkdir()
    _setup(postgres_url, planned)
    env = _env(
        KILL_T0=RUN_FROM,
        KILL_W0=repr(time.time()),
        KILL_SPEED=repr(SPEED),
        KILL_CLAIM_TIMEOUT=CLAIM_TIMEOUT,
        KILL_GRACE=GRACE,
    )
    victim = Replica(postgres_url, logs, {**env, "KILL_HOLD_AFTER": "20"})
    others = [Replica(postgres_url, logs, env) for _ in range(REPLICAS - 1)]
    try:
        _started([victim, *others])
        deadline = time.monotonic() + 60
        while len(victim.held()) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        victim.kill()  # kill -9 in the middle of its claims (well before they time out)
        held = victim.held()
        assert len(held) >= 4, victim.lines[-5:]
        _wait_for(url=postgres_url, logs=logs, count=EXPECTED)
    finally:
        for replica in [victim, *others]:
            replica.kill()
    slots = {s["nudge"]: s for s in _assert_each_slot_posted_once(postgres_url, logs)}
    victim_log = f"posts-{victim.proc.pid}.jsonl"
    by_log = {name: {p["nudge"] for p in posts} for name, posts in _posts(logs).items()}
    survivors = set().union(*(ids for name, ids in by_log.items() if name != victim_log))
    for nudge, how in held:
        assert slots[nudge]["attempts"] >= 2  # re-claimed after the claim went stale
        if how == "posted":  # posted before the kill: confirmed, not posted again
            assert nudge in by_log[victim_log] and nudge not in survivors
            assert slots[nudge].get("confirmed") is True
        else:  # claimed but never posted: another replica posted it
            assert nudge in survivors and nudge not in by_log.get(victim_log, set())
    assert {how for _n, how in held} == {"posted", "unposted"}
