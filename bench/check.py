"""Check timings through the core: answering, results, report and export on a busy store.

Run: `.venv/bin/python -m bench.check [--channels 50] [--rounds 10] [--people 12]`. It fills a
fresh TinyDB store (channels × rounds × people answers, every round closed), then times the
operations a channel's members trigger against that store."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.machine import header, percentiles, rss_mb
from bot.check.export import results_csv
from bot.clock import FakeClock
from bot.core import Core
from bot.model import CardAction, Command, ConversationRef, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES


def _form(i: int, key: str) -> dict[str, str]:
    return {"round": key, **{f"p{n}": str((i + n) % 5) for n in range(1, 9)}, "role": "staff"}


async def _timed(samples: list[float], coro) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = await coro
    samples.append((time.perf_counter() - start) * 1000)
    return result


async def run(channels: int, rounds: int, people: int) -> None:
    folder = Path(tempfile.mkdtemp())
    store = await TinyStore(folder / "bench.json").open()
    core = Core(
        features=FEATURES,
        settings=load_settings(COPROD_DB=str(folder / "x.json")),
        store=store,
        pack=load_pack(),
        clock=FakeClock(),
    )
    answer_ms: list[float] = []
    start = time.perf_counter()
    for c in range(channels):
        ref = ConversationRef(Platform.SLACK, "T1", f"C{c}")
        for r in range(1, rounds + 1):
            await core.handle(Command(ref, User("owner"), text="check"))
            key = f"{ref.channel_key}#{r}"
            for p in range(people):
                event = CardAction(
                    ref, User(f"U{p}"), action_id="check.submit", value=_form(p + r, key)
                )
                await _timed(answer_ms, core.handle(event))
            await core.handle(Command(ref, User("owner"), text="check close"))
    fill_s = time.perf_counter() - start
    total = channels * rounds * people
    print(f"store: {channels} channels x {rounds} rounds x {people} people = {total} answers")
    print(f"filled in {fill_s:.1f} s; answer (form submit) ms: {_fmt(percentiles(answer_ms))}")

    ref = ConversationRef(Platform.SLACK, "T1", "C0")
    for label, text in (("check results", "check results"), ("report", "report")):
        samples: list[float] = []
        for _ in range(30):
            replies = await _timed(samples, core.handle(Command(ref, User("U1"), text=text)))
            assert replies and not replies[0].is_error  # type: ignore[attr-defined]
        print(f"{label} ms: {_fmt(percentiles(samples))}")
    samples = []
    for _ in range(5):
        text = await _timed(samples, results_csv(store))
    print(f"export csv ({len(str(text).splitlines()) - 1} rows) ms: {_fmt(percentiles(samples))}")
    print(f"peak RSS: {rss_mb():.0f} MB")
    await store.close()


def _fmt(p: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}" for k, v in p.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--people", type=int, default=12)
    args = parser.parse_args()
    header("check: answering, results, report and export")
    asyncio.run(run(args.channels, args.rounds, args.people))


if __name__ == "__main__":
    main()
