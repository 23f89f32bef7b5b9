"""kill -9 the scheduler at 20 random points while 1,000 nudges fall due across 50 channels:
every slot is posted exactly once, and the maximum lateness is reported.

The child (`kill_child.py`) runs the real Scheduler on the real TinyDB store with an
accelerated clock (KILL_SPEED simulated seconds per real second, measured from KILL_W0, so
simulated time keeps running while the child is dead). Its adapter appends each post to a log
and fsyncs it before returning, standing in for the platform: the log survives every kill."""

from __future__ import annotations

import asyncio
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from bot.scheduling.slots import expand
from bot.store import TinyStore
from tests.nudges import kill_child

CHILD = Path(kill_child.__file__)
T0 = "2026-01-06T10:00:00+00:00"  # meetings end between 10:31 and 12:11 (UTC), +5 min delay
RUN_FROM = "2026-01-06T10:30:00+00:00"
SPEED = 200.0  # the 100 simulated minutes take 30 real seconds
KILLS = 20


def _env(**values: str) -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", **values}


def _posts(log: Path) -> list[dict[str, str]]:
    if not log.exists():
        return []
    out = []
    for line in log.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def _start(db: Path, log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), "run", str(db), str(log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _ready(child: subprocess.Popen[bytes], timeout: float = 120) -> bool:
    """Wait for the child's "ready" line (its scheduler has started)."""
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        readable, _, _ = select.select([child.stdout], [], [], 0.1)
        if readable:
            line = child.stdout.readline()
            if not line:
                return False  # it exited
            if line.strip() == b"ready":
                return True
    return False


def _wait_for(log: Path, count: int, stall: float = 20, cap: float = 240) -> None:
    """Until `count` posts, or no new post for `stall` seconds (a loaded machine is slow, not
    stuck, so a fixed deadline would be flaky)."""
    seen, progress, began = -1, time.monotonic(), time.monotonic()
    while time.monotonic() - progress < stall and time.monotonic() - began < cap:
        now = len(_posts(log))
        if now >= count:
            break
        if now != seen:
            seen, progress = now, time.monotonic()
        time.sleep(0.2)
    time.sleep(0.5)  # anything extra (a double) would show now


def test_kill_9_at_twenty_random_points_posts_each_slot_once(tmp_path: Path) -> None:
    db, log = tmp_path / "db.json", tmp_path / "posts.jsonl"
    subprocess.run(
        [sys.executable, str(CHILD), "setup", str(db), str(log)],
        env=_env(KILL_T0=T0, KILL_W0="0", KILL_SPEED="0"),
        check=True,
        timeout=120,
    )
    expected = kill_child.CHANNELS * kill_child.PER_CHANNEL
    env = _env(KILL_T0=RUN_FROM, KILL_W0=repr(time.time()), KILL_SPEED=repr(SPEED))
    rng = random.Random(20260106)
    kill_points = []
    began = time.monotonic()
    for n in range(KILLS):
        child = _start(db, log, env)
        # A random point, measured from the child's own readiness signal so a slow start-up
        # on a loaded machine does not move every kill into start-up: every fourth kill lands
        # during start-up, the others while it plans, claims and sends.
        if n % 4 == 3:
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            assert _ready(child), "the child did not start"
            time.sleep(rng.uniform(0.05, 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        kill_points.append(len(_posts(log)))
    child = _start(db, log, env)
    try:
        _wait_for(log, expected)
    finally:
        child.kill()
        child.wait()
    elapsed = time.monotonic() - began

    posts = _posts(log)
    counts = Counter(p["nudge"] for p in posts)
    doubles = {k: n for k, n in counts.items() if n > 1}
    assert not doubles, f"posted more than once: {doubles}"
    assert any(0 < k < expected for k in kill_points), kill_points  # kills hit mid-run

    slots = asyncio.run(_slots(db))
    meeting_slots = [s for s in slots if s["kind"] == "reflection" and s["source"] != "event"]
    due_now = [s for s in meeting_slots if s["nominal"] <= "2026-01-06T12:16:00+00:00"]
    assert len(due_now) == expected
    assert {s["nudge"] for s in due_now if s["state"] == "sent"} == set(counts)
    assert Counter(s["state"] for s in due_now) == {"sent": expected}
    assert len(counts) == expected

    posted_at = {p["nudge"]: datetime.fromisoformat(p["at"]) for p in posts}
    lateness = [
        (posted_at[s["nudge"]] - datetime.fromisoformat(s["due"])).total_seconds() for s in due_now
    ]
    worst = max(lateness)
    confirmed = sum(1 for s in due_now if s.get("confirmed"))
    resent = sum(1 for s in due_now if s.get("attempts", 1) > 1 and not s.get("confirmed"))
    print(
        f"\nkill -9 test: {expected} nudges in {kill_child.CHANNELS} channels, {KILLS} kills "
        f"(posts seen at each kill: {kill_points}); each posted once. Max lateness "
        f"{worst:.0f} s simulated = {worst / SPEED:.2f} s real at {SPEED:.0f}x; "
        f"median {sorted(lateness)[len(lateness) // 2]:.0f} s simulated; run {elapsed:.1f} s; "
        f"claims recovered after a kill: {confirmed} confirmed as posted, {resent} re-sent."
    )
    assert worst < 24 * 3600  # everything within the (widened) grace window


async def _slots(db: Path) -> list[dict]:
    store = await TinyStore(db).open()
    try:
        return [expand(d) for d in await store.find("nudge_slots")]
    finally:
        await store.close()
