"""Slack slash-command ack latency and reply delay under load, against a bare Bolt floor.

Usage: .venv/bin/python -m bench.slack_ack [--mode all|closed|open|waves] [options]

Three processes besides this one: coprod (`python app.py serve`, as in production), a bare Bolt
app that only acks (the floor), and a fake Slack (Web API and response URLs). This process is
the load: signed `/coprod principles` commands from 50 users in 20 channels, each with its own
response URL, so each reply is matched to its ack. The floor and coprod take turns at every
load point, so both see the same machine load.

- `closed`: a continuous closed loop, `--clients` (50) senders always busy, `--commands` (2,000).
- `open`: commands due at fixed rates (`--rates`, default 100 300 600) for `--seconds` (2)
  each, timed from when each was due; then the highest rate coprod sustains (`--search`, steps
  of `--search-seconds` (3): replies within 2 s, falling behind by at most 20 ms a second and
  settling within 100 ms of the first rate's; steps of 1.5x, then halving the gap to within
  1.1x) and 80 % of it. The targets are judged
  at rates up to that 80 %; faster rates are reported.
- `waves`: `--rounds` waves of `-n` (50) at once, waiting for the replies between waves.

Each load point alternates the floor and coprod `--repeat` (10) times and is judged on the pooled
p99 (see `verdict`). `--against floor` puts a second bare floor in coprod's place: an A/A run
that shows how far apart two identical servers land under the same judgement.

Reported per run: ack p50 / p99 / max, reply delay (ack to response URL post) p50 / p99 / max,
replies lost, and each server's CPU per command (from /proc, so other load does not inflate it)."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from adapters.slack.ackfirst import MAX_WAIT_SECONDS
from bench import slack_load
from bench.machine import header, percentiles
from bench.slack_load import Segment
from bench.slack_servers import cpu_seconds, start_coprod, start_fake, start_floor, wait_up
from tests.conftest import free_port

REPLY_LIMIT_S = 2.0  # no reply later than this after its ack (the target)
# A sustained rate: the replies fall behind by no more than this a second of load. Above it the
# backlog grows for as long as the load lasts: at 20 ms a second a reply passes the 2 s limit
# after about 90 s. (Until 3 December this was 250 ms in a whole step of 3 s, about 125 ms a
# second, which let a rate pass whose replies would be 2 s late within 15 s.)
BEHIND_LIMIT_MS_PER_S = 20.0
# ... and by more than this in all: at 100/s the first replies come sooner than the 0.2 s hold
# for most of a second, so the delays rise by about 40 ms to the hold and stay there.
BEHIND_NOISE_MS = 50.0
LATE_LIMIT_MS = 100.0  # nor may they settle later than this behind the search's first rate
SETTLE_SECONDS = 0.5  # the start of a step, left out of that measure
HOLD_MS = MAX_WAIT_SECONDS * 1000  # coprod holds deferred work at most this long in a burst
SEARCH_STEP = 1.5  # the search's first steps; then it halves the gap (geometrically) ...
SEARCH_FINEST = 1.1  # ... until the highest sustained and the lowest failed are this close
ACK_LIMIT_MS = 100.0
RATIO_LIMIT = 1.5


@dataclass
class Server:
    name: str
    pool: slack_load.Pool
    pid: int
    replies: bool  # coprod posts a reply to each command; the floor only acks


@dataclass
class Row:
    shape: str
    server: str
    seg: Segment
    delays_ms: list[float]
    lost: int
    timeline: list[tuple[float, float]]  # (ack time s, reply delay ms), in ack order
    cpu_ms: float | None
    load: float

    @property
    def rate(self) -> float:
        return len(self.seg.acks_ms) / self.seg.wall if self.seg.wall else 0.0

    def ack(self, key: str) -> float:
        return percentiles(self.seg.acks_ms)[key]

    def line(self) -> str:
        a, d = percentiles(self.seg.acks_ms), percentiles(self.delays_ms)
        delay = (
            f"reply p50 {d['p50']:6.1f} p99 {d['p99']:6.1f} max {d['max']:7.1f} ms, "
            f"lost {self.lost}"
            if self.delays_ms or self.lost
            else "(acks only)"
        )
        cpu = f"{self.cpu_ms:.2f}" if self.cpu_ms is not None else "?"
        return (
            f"{self.shape:14s} {self.server:6s} n={len(self.seg.acks_ms):5d} "
            f"{self.rate:6.0f}/s  ack p50 {a['p50']:6.1f} p99 {a['p99']:6.1f} "
            f"max {a['max']:6.1f} ms  {delay}  CPU {cpu} ms/cmd  err {self.seg.errors}  "
            f"load {self.load:.1f}"
        )


class Bench:
    def __init__(self, session: aiohttp.ClientSession, fake_base: str) -> None:
        self.session = session
        self.fake = fake_base
        self.hooks = f"{fake_base}/hooks"
        self.tags = (f"s{n:03d}" for n in itertools.count())
        self.rows: list[Row] = []

    async def _get(self, path: str) -> dict[str, Any]:
        async with self.session.get(f"{self.fake}{path}") as resp:
            return dict(await resp.json())

    async def _replies(self, tag: str, expected: int) -> dict[str, list[float]]:
        """Wait until every acked command's reply came (or none came for 5 s)."""
        last, still = -1, time.monotonic()
        while True:
            count = int((await self._get(f"/count?prefix=C{tag}x"))["replies"])
            if count >= expected:
                break
            if count != last:
                last, still = count, time.monotonic()
            elif time.monotonic() - still > 5:
                break
            await asyncio.sleep(0.05)
        return await self._get(f"/times?prefix=C{tag}x")

    async def run(
        self, shape: str, server: Server, load: Callable[[str], Awaitable[Segment]]
    ) -> Row:
        tag = next(self.tags)
        cpu_before = cpu_seconds(server.pid)
        seg = await load(tag)
        delays: list[float] = []
        timeline: list[tuple[float, float]] = []
        lost = 0
        if server.replies:
            acks = sum(len(v) for v in seg.acked_at.values())
            times = await self._replies(tag, acks)
            for channel, acked in seg.acked_at.items():
                replied = sorted(times.get(channel, []))
                pairs = [(a, (r - a) * 1000) for a, r in zip(acked, replied, strict=False)]
                timeline += pairs
                delays += [d for _a, d in pairs]
                lost += max(0, len(acked) - len(replied))
        cpu_after = cpu_seconds(server.pid)
        cpu = None
        if cpu_before is not None and cpu_after is not None and seg.sent:
            cpu = (cpu_after - cpu_before) * 1000 / seg.sent
        timeline.sort()
        row = Row(shape, server.name, seg, delays, lost, timeline, cpu, os.getloadavg()[0])
        self.rows.append(row)
        print(row.line(), flush=True)
        return row

    async def closed(self, server: Server, total: int, clients: int) -> Row:
        return await self.run(
            "closed",
            server,
            lambda tag: slack_load.closed_loop(server.pool, tag, self.hooks, total, clients),
        )

    async def open(self, server: Server, rate: float, seconds: float) -> Row:
        return await self.run(
            f"open {rate:.0f}/s",
            server,
            lambda tag: slack_load.open_loop(server.pool, tag, self.hooks, rate, seconds),
        )

    async def wave(self, server: Server, n: int) -> Row:
        return await self.run(
            f"wave of {n}",
            server,
            lambda tag: slack_load.wave(server.pool, tag, self.hooks, n),
        )


def sustained(row: Row, rate: float, light: float | None = None) -> str:
    """'' when `row` kept up with `rate`, else why not. `light`: the median reply delay at the
    search's first, light rate; replies settled more than `LATE_LIMIT_MS` later than that
    did not keep up, even if they stopped falling further behind (a backlog that formed at
    the start and stayed: the rate is at the machine's limit, where it never drains)."""
    if row.seg.errors or row.lost:
        return f"{row.seg.errors} errors, {row.lost} replies lost"
    if row.ack("p99") > 1000:
        return f"ack p99 {row.ack('p99'):.0f} ms"
    worst = max(row.delays_ms, default=0.0)
    if worst > REPLY_LIMIT_S * 1000:
        return f"a reply {worst / 1000:.1f} s after its ack"
    growth, total = falling_behind(row.timeline)
    if growth > BEHIND_LIMIT_MS_PER_S and total > BEHIND_NOISE_MS:
        return (
            f"the replies fell behind by {growth:.0f} ms a second, {total:.0f} ms in all "
            f"(limits {BEHIND_LIMIT_MS_PER_S:.0f} and {BEHIND_NOISE_MS:.0f})"
        )
    late = settled_delay(row.timeline)
    if light is not None and late > light + LATE_LIMIT_MS:
        return f"the replies settled {late - light:.0f} ms later than at the first rate"
    return ""


def settled_delay(timeline: list[tuple[float, float]]) -> float:
    """The median reply delay of the last third of the run's settled part (ms)."""
    settled = _settled(timeline)
    return _median([d for _a, d in settled[-max(1, len(settled) // 3) :]]) if settled else 0.0


def _settled(timeline: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The run without its first `SETTLE_SECONDS`."""
    return [(a, d) for a, d in timeline if a >= timeline[0][0] + SETTLE_SECONDS] if timeline else []


def falling_behind(timeline: list[tuple[float, float]]) -> tuple[float, float]:
    """How fast the replies fell behind during the run, and by how much: the median delay of
    its last third less that of its first, in ms, over the seconds between the two thirds'
    middles (and that difference itself). A rate the machine sustains leaves this near 0;
    above that rate the backlog grows for as long as the load lasts, however short a step
    makes it look. The run's first `SETTLE_SECONDS` are left out: at a low rate the first
    replies come sooner than the rest (before the stream is seen as one), which is the start
    of the step, not a backlog. Only the part of each delay past the acks-first hold
    (`HOLD_MS`) counts: below it a reply is waiting by design, not behind, and at 100/s the
    delays wander between 10 ms and the hold as the gaps between requests come and go (one
    run rose by 100 ms within the hold and failed 100/s)."""
    settled = [(a, max(0.0, d - HOLD_MS)) for a, d in _settled(timeline)]
    if len(settled) < 30:
        return 0.0, 0.0
    third = len(settled) // 3
    first, last = settled[:third], settled[-third:]
    apart = last[len(last) // 2][0] - first[len(first) // 2][0]  # ack times, monotonic seconds
    if apart <= 0:
        return 0.0, 0.0
    growth = _median([d for _a, d in last]) - _median([d for _a, d in first])
    return growth / apart, growth


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


async def search(bench: Bench, coprod: Server, start: float, seconds: float) -> float:
    """The highest open-loop rate coprod keeps up with: every reply within 2 s of its ack, the
    replies not falling behind during the step (`falling_behind`) and settling within
    `LATE_LIMIT_MS` of the first rate's (`sustained`), ack p99 under 1 s, nothing lost.
    Steps of `SEARCH_STEP` from --search-from until a rate fails, then the geometric middle of
    the highest sustained and the lowest failed, until they are `SEARCH_FINEST` apart: a step
    of 1.5 alone put the answer anywhere in a span of 1.5 (759 or 1,139/s on the same code),
    and 80 % of it with it."""
    best, failed, rate = 0.0, float("inf"), start
    light: float | None = None
    while rate < 10000:
        row = await bench.open(coprod, rate, seconds)
        why = sustained(row, rate, light)
        if light is None:
            light = settled_delay(row.timeline)
        if why:
            print(f"  {rate:.0f}/s not sustained: {why}")
            failed = rate
        else:
            best = rate
        if failed == float("inf"):
            rate = rate * SEARCH_STEP
        elif best and failed / best > SEARCH_FINEST:
            rate = round((best * failed) ** 0.5)
        else:
            break
    return best


def pooled_p99(rows: list[Row]) -> float:
    """p99 of every ack of `rows` taken together."""
    return percentiles([ms for row in rows for ms in row.seg.acks_ms])["p99"]


def verdict(pairs: list[tuple[Row, Row]], replies: bool = True) -> str:
    """Targets over alternated (floor, coprod) runs of one load point. The ratio is of the
    pooled p99s (every ack of coprod's runs against every ack of the floor's): the worst ratio
    of single pairs is printed too, but a run's p99 is its few slowest acks, so one stall of
    the machine in either run swings it (two identical floors, `--against floor`, land up to
    1.6x apart pair by pair in 3 s runs). `replies`: judge the reply delay too (open-loop rates
    the machine sustains; a closed loop sends as fast as acks come back, far beyond the rate
    replies can be made, so only acks and losses are judged there, and its reply delay is
    reported)."""
    floors, coprods = [f for f, _c in pairs], [c for _f, c in pairs]
    pooled, pooled_floor = pooled_p99(coprods), pooled_p99(floors)
    ratio = pooled / max(pooled_floor, 0.001)
    worst_pair = max(c.ack("p99") / max(f.ack("p99"), 0.001) for f, c in pairs)
    worst_p99 = max(c.ack("p99") for c in coprods)
    worst_delay = max((max(c.delays_ms, default=0.0) for c in coprods), default=0.0)
    lost = sum(c.lost for c in coprods)
    ok = worst_p99 < ACK_LIMIT_MS and ratio <= RATIO_LIMIT and lost == 0
    if replies:
        ok = ok and worst_delay <= REPLY_LIMIT_S * 1000
    return (
        f"ack p99 pooled {pooled:.1f} ms against the floor's {pooled_floor:.1f} ms, "
        f"{ratio:.2f}x (worst single pair {worst_pair:.2f}x), "
        f"worst run's p99 {worst_p99:.1f} ms, worst reply delay {worst_delay:.0f} ms, "
        f"lost {lost}: {'met' if ok else 'NOT met'}"
    )


async def alternate(
    run: Callable[[Server], Awaitable[Row]], floor: Server, coprod: Server, repeat: int
) -> list[tuple[Row, Row]]:
    pairs = []
    for _ in range(repeat):
        f = await run(floor)
        c = await run(coprod)
        pairs.append((f, c))
    return pairs


def pool(port: int) -> slack_load.Pool:
    return slack_load.Pool(f"http://127.0.0.1:{port}/slack/events")


async def main(args: argparse.Namespace) -> None:
    fake_port, floor_port, coprod_port = free_port(), free_port(), free_port()
    load_before = os.getloadavg()
    header("Slack slash-command ack under load: coprod against a bare Bolt floor")
    print(f"load average (1/5/15 min) before: {' '.join(f'{x:.2f}' for x in load_before)}")
    with tempfile.TemporaryDirectory() as tmp:
        fake_base = f"http://127.0.0.1:{fake_port}"
        processes = [await start_fake(fake_port)]
        try:
            processes.append(await start_floor(floor_port, f"{fake_base}/api/"))
            a_a = args.against == "floor"  # an A/A run: how far apart two identical floors land
            if a_a:
                processes.append(await start_floor(coprod_port, f"{fake_base}/api/"))
            else:
                processes.append(
                    await start_coprod(coprod_port, f"{fake_base}/api/", Path(tmp) / "c.json")
                )
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                await wait_up(session, f"{fake_base}/count")
                await wait_up(session, f"http://127.0.0.1:{floor_port}/healthz")
                await wait_up(session, f"http://127.0.0.1:{coprod_port}/healthz")
                floor = Server("floor", pool(floor_port), processes[1].pid, False)
                name = "floor2" if a_a else "coprod"
                coprod = Server(name, pool(coprod_port), processes[2].pid, not a_a)
                bench = Bench(session, fake_base)
                print("warm-up:")
                await bench.closed(floor, 200, 10)
                await bench.closed(coprod, 200, 10)
                await measure(bench, floor, coprod, args)
        finally:
            for process in reversed(processes):  # coprod first: the fake answers till it ends
                process.terminate()
                await process.wait()
    after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average (1/5/15 min) after: {after}")


async def measure(bench: Bench, floor: Server, coprod: Server, args: argparse.Namespace) -> None:
    verdicts: list[str] = []
    if args.mode in ("waves",):
        pairs = await alternate(lambda s: bench.wave(s, args.n), floor, coprod, args.rounds)
        verdicts.append(f"waves of {args.n}: {verdict(pairs)}")
    if args.mode in ("all", "closed"):
        print(f"closed loop: {args.commands} commands, {args.clients} clients always busy:")
        pairs = await alternate(
            lambda s: bench.closed(s, args.commands, args.clients), floor, coprod, args.repeat
        )
        verdicts.append(f"closed loop: {verdict(pairs, replies=False)}")
    if args.mode in ("all", "open"):
        rates = list(args.rates)
        judged_up_to = float("inf")  # the targets hold up to 80 % of the highest sustained rate
        if args.search:
            print(f"highest sustained rate (coprod alone, {args.search_seconds:.0f} s a step):")
            best = await search(bench, coprod, args.search_from, args.search_seconds)
            print(f"highest sustained: {best:.0f}/s")
            if best:
                judged_up_to = round(best * 0.8)
                rates += [r for r in (round(best * 0.8), round(best)) if r not in rates]
        for rate in sorted(rates):
            print(f"open loop at {rate}/s for {args.seconds:.0f} s:")
            pairs = await alternate(
                lambda s, r=rate: bench.open(s, r, args.seconds), floor, coprod, args.repeat
            )
            if rate <= judged_up_to:
                verdicts.append(f"open {rate}/s: {verdict(pairs)}")
            else:
                verdicts.append(
                    f"open {rate}/s: {verdict(pairs)} (above 80 % of the highest sustained "
                    f"rate, {judged_up_to:.0f}/s: reported, no target)"
                )
    print(
        "targets (every run's ack p99 < 100 ms, pooled p99 <= 1.5x the floor's, none lost; at"
        " open-loop rates up to"
        " 80 % of the highest sustained, also every reply <= 2 s after its ack):"
    )
    for line in verdicts:
        print(f"  {line}")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--against",
        choices=("coprod", "floor"),
        default="coprod",
        help="floor: a second bare floor in coprod's place (an A/A run of the judgement)",
    )
    parser.add_argument("--mode", choices=("all", "closed", "open", "waves"), default="all")
    parser.add_argument("--commands", type=int, default=2000, help="closed loop (default 2000)")
    parser.add_argument("--clients", type=int, default=50, help="closed loop (default 50)")
    parser.add_argument("--rates", type=int, nargs="*", default=[100, 300, 600])
    parser.add_argument(
        "--seconds", type=float, default=2.0, help="per judged open-loop run (default 2)"
    )
    parser.add_argument(
        "--search-seconds", type=float, default=3.0, help="per step of the search (default 3)"
    )
    parser.add_argument("--search", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--search-from", type=float, default=100.0)
    parser.add_argument(
        "--repeat", type=int, default=10, help="alternations per load point (default 10)"
    )
    parser.add_argument("-n", type=int, default=50, help="waves: commands at once (default 50)")
    parser.add_argument("--rounds", type=int, default=10, help="waves (default 10)")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
