"""Nudge scheduler at 10,000 channels, each with a weekly meeting and the reminders.

Phase 1 plans the channels through the real `meeting add` command on an in-memory store (the
scheduler's own cost; TinyDB rewrites its whole file on every write, which is the store's
cost), then simulates a week of 30-second ticks (sent slots older than the 3-day retention are
pruned as the server would) and reports the time to find due nudges per tick and the whole
tick. Phase 2 writes the same data as a TinyDB file and, in a fresh process, measures the
start-up (open the store, rebuild the due-time heap, check every source), one idle tick and RSS.

Run: .venv/bin/python -m bench.scheduler [--channels 10000]"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from adapters.fake import FakeAdapter
from bench.machine import header, in_new_process, percentiles, rss_mb
from bot.adapter import Capabilities
from bot.clock import FakeClock
from bot.core import Core
from bot.model import Command, ConversationRef, Platform, User
from bot.nudges.scheduler import Scheduler
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES

START = datetime(2026, 1, 4, 12, 0, tzinfo=UTC)  # a Sunday
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


class MemoryStore:
    """The Store interface on plain dicts (bench only)."""

    def __init__(self) -> None:
        self.data: dict[str, dict[str, dict[str, Any]]] = {}

    async def get(self, table: str, key: str) -> dict | None:
        doc = self.data.get(table, {}).get(key)
        return {**doc, "_key": key} if doc is not None else None

    async def put(self, table: str, key: str, doc: dict) -> None:
        self.data.setdefault(table, {})[key] = {k: v for k, v in doc.items() if k != "_key"}

    async def add(self, table: str, key: str, doc: dict) -> bool:
        if key in self.data.get(table, {}):
            return False
        await self.put(table, key, doc)
        return True

    async def update(
        self, table: str, key: str, changes: dict, *, expect: dict | None = None
    ) -> bool:
        doc = self.data.get(table, {}).get(key)
        if doc is None or (expect and any(doc.get(k) != v for k, v in expect.items())):
            return False
        doc.update({k: v for k, v in changes.items() if k != "_key"})
        return True

    async def delete(self, table: str, key: str) -> bool:
        return self.data.get(table, {}).pop(key, None) is not None

    async def find(self, table: str, **where: Any) -> list[dict]:
        return [
            {**d, "_key": k}
            for k, d in self.data.get(table, {}).items()
            if all(d.get(f) == v for f, v in where.items())
        ]

    async def delete_where(self, table: str, **where: Any) -> int:
        gone = [d["_key"] for d in await self.find(table, **where)]
        for key in gone:
            del self.data[table][key]
        return len(gone)

    async def count(self, table: str, **where: Any) -> int:
        return len(await self.find(table, **where))

    async def tables(self) -> list[str]:
        return sorted(self.data)

    async def close(self) -> None:
        pass


def make_core(store: Any, clock: FakeClock) -> Core:
    settings = load_settings(COPROD_DB="unused.json")
    core = Core(settings=settings, store=store, pack=load_pack(), clock=clock, features=FEATURES)
    core.register(FakeAdapter(Capabilities()))  # a platform with no extras and no rate limit
    return core


async def plan_and_tick(channels: int, out: Path) -> dict[str, Any]:
    clock = FakeClock(START)
    store = MemoryStore()
    core = make_core(store, clock)
    began = time.perf_counter()
    for c in range(channels):
        ref = ConversationRef(Platform.LOCAL, "local", f"c{c}", channel_name=f"c{c}")
        hour = 9 + c % 8
        text = f"meeting add Weekly {DAYS[c % 5]} {hour:02d}:00-{hour:02d}:45"
        await core.handle(Command(ref, User("u"), text=text))
    plan_s = time.perf_counter() - began
    slots = len(store.data["nudge_slots"])
    scheduler = Scheduler(core)
    await scheduler.start()
    finds, ticks, busiest = [], [], (0.0, 0)
    end = START + timedelta(days=7)
    while clock.now() < end:
        clock.advance(seconds=30)
        more = True
        while more:  # as `Scheduler.run` does: tick again at once while a batch was full
            t = time.perf_counter()
            report = await scheduler.tick()
            ms = (time.perf_counter() - t) * 1000
            finds.append(report.find_ms)
            ticks.append(ms)
            if report.due > busiest[1]:
                busiest = (ms, report.due)
            more = report.more
    adapter = core.adapters[Platform.LOCAL]
    assert isinstance(adapter, FakeAdapter)
    # The TinyDB file a real server would open, in TinyDB's own layout.
    data = {
        table: {str(i + 1): {**doc, "_key": key} for i, (key, doc) in enumerate(rows.items())}
        for table, rows in store.data.items()
    }
    out.write_bytes(orjson.dumps(data))  # noqa: ASYNC240
    return {
        "channels": channels,
        "docs": {table: len(rows) for table, rows in store.data.items()},
        "plan_s": plan_s,
        "slots_planned": slots,
        "ticks": len(ticks),
        "sent": len(adapter.posts),
        "find_ms": percentiles(finds),
        "tick_ms": percentiles(ticks),
        "busiest_tick": busiest,
        "rss_mb_phase1": rss_mb(),
        "db_mb": out.stat().st_size / 1e6,  # noqa: ASYNC240
    }


async def startup(path: Path) -> dict[str, Any]:
    """In a fresh process: open the TinyDB file and start the scheduler, then tick idle."""
    began = time.perf_counter()
    store = await TinyStore(path).open()
    opened = time.perf_counter() - began
    clock = FakeClock(START + timedelta(days=7, minutes=1))
    core = make_core(store, clock)
    scheduler = Scheduler(core)
    await scheduler.start()
    started = time.perf_counter() - began
    idle = []
    for _ in range(200):
        clock.advance(seconds=1)
        report = await scheduler.tick()
        idle.append(report.find_ms)
    await store.close()
    return {
        "open_s": opened,
        "startup_s": started,
        "open_slots": len(scheduler.slots),
        "idle_find_ms": percentiles(idle),
        "rss_mb": rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=10_000)
    parser.add_argument("--startup", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup:
        print(json.dumps(asyncio.run(startup(args.startup))))
        return
    header(f"Nudge scheduler: {args.channels} channels, a weekly meeting each, plus reminders")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "coprod.json"
        one = asyncio.run(plan_and_tick(args.channels, db))
        two = in_new_process("bench.scheduler", "--startup", str(db))
    f, t = one["find_ms"], one["tick_ms"]
    print(
        f"planning {one['channels']} channels via `meeting add`: {one['plan_s']:.1f} s, "
        f"{one['slots_planned']} slots"
    )
    print(f"one simulated week, {one['ticks']} ticks of 30 s, {one['sent']} nudges sent")
    print(f"find due per tick (ms): p50 {f['p50']:.3f}  p99 {f['p99']:.3f}  max {f['max']:.3f}")
    print(
        f"whole tick incl. sends (ms): p50 {t['p50']:.3f}  p99 {t['p99']:.2f}  max {t['max']:.1f}"
        f"  (busiest: {one['busiest_tick'][1]} due, {one['busiest_tick'][0]:.0f} ms)"
    )
    print(f"TinyDB file: {one['db_mb']:.1f} MB, documents: {one['docs']}")
    i = two["idle_find_ms"]
    print(
        f"start-up from TinyDB (fresh process): open {two['open_s']:.2f} s, open + heap + "
        f"reconcile {two['startup_s']:.2f} s, {two['open_slots']} open slots"
    )
    print(f"idle tick find due after start-up (ms): p50 {i['p50']:.4f}  max {i['max']:.3f}")
    print(
        f"RSS: server process {two['rss_mb']:.0f} MB; planning/simulation process "
        f"{one['rss_mb_phase1']:.0f} MB"
    )


if __name__ == "__main__":
    main()
