"""Actions timings: `actions` and the reflection's open-actions lookup with 10,000 actions in
one workspace, on TinyDB and PostgreSQL.

Run: `.venv/bin/python -m bench.actions [--actions 10000] [--channels 20] [--postgres URL]`
(PostgreSQL: COPROD_BENCH_POSTGRES, default the machine's own server, in a schema of its own).
It fills a fresh store with `--actions` actions spread over `--channels` channels of one
workspace (40% of them closed), then times the `actions` command through the core (settings,
time zone, the lookup and the card) and the lookup a reflection opens with, in the busiest
channel. Prints the machine and its load average next to the figures."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.machine import header, percentiles, rss_mb
from bench.store import drop_schema, new_schema
from bot.actions import records
from bot.actions.opener import open_actions
from bot.clock import FakeClock
from bot.core import Core
from bot.model import ChatKind, Command, ConversationRef, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import Store, TinyStore, open_store
from runtime.features import FEATURES

START = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
TARGET_MS = 20.0  # issue 17: p99 of `actions` and of the lookup, on each store


def _doc(ref: ConversationRef, number: int) -> dict[str, object]:
    closed = number % 5 in (1, 3)  # 40% closed
    created = START - timedelta(days=number % 90)
    return records.Action(
        scope=ref.scope,
        channel_key=ref.channel_key,
        number=number,
        text=f"Action {number}: send the notes in easy read to every partner",
        created_at=created.isoformat(timespec="seconds"),
        creator=secrets.token_hex(16),
        owner=f"U{number % 40:04d}",
        owner_name=f"person{number % 40}",
        due=(START + timedelta(days=number % 30 - 10)).date().isoformat(),
        principle=number % 8 + 1,
        status=records.DONE if closed else records.OPEN,
        closed_at=(created + timedelta(days=2)).isoformat(timespec="seconds") if closed else None,
    ).to_doc()


async def fill(store: Store, total: int, channels: int) -> list[ConversationRef]:
    refs = [
        ConversationRef(Platform.SLACK, "T1", f"C{c:03d}", channel_name=f"team-{c}")
        for c in range(channels)
    ]
    per = total // channels
    for ref in refs:
        docs = [(records.action_key(ref.channel_key, n), _doc(ref, n)) for n in range(1, per + 1)]
        for start in range(0, len(docs), 500):  # concurrent writes share the store's flushes
            batch = docs[start : start + 500]
            await asyncio.gather(*(store.put(records.TABLE, k, d) for k, d in batch))
        await store.put(records.COUNTERS, ref.channel_key, {"scope": ref.scope, "next": per + 1})
    # another workspace of the same size, which must not slow this one's lookups much
    other = ConversationRef(Platform.SLACK, "T2", "C000")
    docs = [(records.action_key(other.channel_key, n), _doc(other, n)) for n in range(1, 501)]
    await asyncio.gather(*(store.put(records.TABLE, k, d) for k, d in docs))
    return refs


CPU: dict[int, list[float]] = {}  # id(wall samples) -> this process's CPU ms per call


async def _timed(samples: list[float], coro):  # type: ignore[no-untyped-def]
    """Time one call: wall milliseconds into `samples`, this process's CPU milliseconds beside
    them (on a loaded machine the CPU time shows the work itself; the wall time, the wait)."""
    began, cpu = time.perf_counter(), time.process_time()
    result = await coro
    samples.append((time.perf_counter() - began) * 1000)
    CPU.setdefault(id(samples), []).append((time.process_time() - cpu) * 1000)
    return result


def _both(samples: list[float]) -> str:
    cpu = percentiles(CPU.get(id(samples), []))
    return f"wall {_fmt(percentiles(samples))}; CPU p50 {cpu['p50']:.2f}, p99 {cpu['p99']:.2f}"


def _fmt(p: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in p.items())


async def run(label: str, store: Store, total: int, channels: int, repeats: int) -> None:
    core = Core(
        features=FEATURES,
        settings=load_settings(COPROD_DB=os.devnull),
        store=store,
        pack=load_pack(),
        clock=FakeClock(START),
    )
    began = time.perf_counter()
    refs = await fill(store, total, channels)
    print(f"\n## {label}: {total:,} actions in {channels} channels of one workspace")
    print(f"filled in {time.perf_counter() - began:.1f} s")
    ref = refs[0]
    for r in refs:
        await core.remember(r)
    listed: list[float] = []
    lookup: list[float] = []
    mine: list[float] = []
    for i in range(repeats):
        ref = refs[i % len(refs)]
        replies = await _timed(listed, core.handle(Command(ref, User("U0001"), text="actions")))
        assert replies and replies[0].card is not None and not replies[0].is_error
        items = await _timed(lookup, open_actions(core, ref))
        assert items
        dm = ConversationRef(Platform.SLACK, "T1", "D1", kind=ChatKind.DIRECT)
        await _timed(mine, core.handle(Command(dm, User("U0001"), text="actions mine")))
    open_here = len(await records.open_here(store, ref))
    print(f"open actions in a channel: {open_here}")
    print(f"`actions` (through the core) ms: {_both(listed)}")
    print(f"reflection's open-actions lookup ms: {_both(lookup)}")
    print(f"`actions mine` (whole workspace) ms: {_both(mine)}")
    for name, samples in (("`actions`", listed), ("open-actions lookup", lookup)):
        p99 = percentiles(samples)["p99"]
        verdict = "met" if p99 < TARGET_MS else "NOT met"
        print(f"{label} {name} wall p99 {p99:.1f} ms; target p99 < {TARGET_MS:.0f} ms: {verdict}")


async def main(total: int, channels: int, repeats: int, postgres: str | None) -> None:
    header("Actions: `actions` and the reflection's open-actions lookup")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    folder = Path(tempfile.mkdtemp())
    tiny = await TinyStore(folder / "bench.json").open()
    try:
        await run("TinyDB", tiny, total, channels, repeats)
    finally:
        await tiny.close()
    if postgres:
        schema, url = new_schema(postgres)
        store = await open_store(url)
        try:
            await run("PostgreSQL", store, total, channels, repeats)
        finally:
            await store.close()
            drop_schema(postgres, schema)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"peak RSS: {rss_mb():.0f} MB")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=300)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "COPROD_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server (the bench uses a schema of its own); empty to skip",
    )
    args = parser.parse_args()
    asyncio.run(main(args.actions, args.channels, args.repeats, args.postgres))


if __name__ == "__main__":
    cli()
