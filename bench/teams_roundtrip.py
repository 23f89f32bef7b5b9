"""Teams message → reply through the real /api/messages route and a fake connector, 50 at once.

Run: .venv/bin/python -m bench.teams_roundtrip [--requests 2000] [--concurrency 50] [--repeat 2]
A continuous closed loop: 50 senders always busy, 2,000 messages a run, each a personal-chat
"principles" message with its own activity id from one of 50 people. Each sample is one POST
until the bot has posted its Adaptive Card reply to the fake connector on 127.0.0.1 and
answered 201. A bare aiohttp floor (`bench.teams_floor`) takes turns with the bot, so both see
the same machine load. Also prints each process's CPU time per message (Linux), which other
load on the machine does not inflate, and the load average."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp

from bench.machine import collector_paused, header, percentiles
from tests.adapters.teams.conftest import load_activity
from tests.adapters.teams.fake_connector import FakeConnector
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 50
USERS = 50


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` (all its threads), from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wait_healthy(session: aiohttp.ClientSession, base: str) -> None:
    for _ in range(1200):  # up to a minute: a shared machine starts the bot slowly
        try:
            async with session.get(f"{base}/healthz") as resp:
                if resp.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError("the bot did not start")


async def start_bot(port: int, db: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PORT": str(port),
        "MICROSOFT_APP_ID": "",
        "COPROD_DB": str(db),
        "COPROD_LOG_LEVEL": "ERROR",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "app.py", "serve", cwd=ROOT, env=env
    )


async def start_floor(port: int) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.teams_floor", str(port), cwd=ROOT, env=dict(os.environ)
    )


async def run(requests: int, concurrency: int, repeat: int, floor: bool) -> None:
    """The bot runs as its own process (`python app.py serve`), like in production; this
    process plays Teams (the client) and the Bot Connector (the fake). The floor, when asked
    for, takes turns with the bot: floor, bot, floor, bot…"""
    connector = FakeConnector()
    await connector.start()
    header("Teams round trip: message → Adaptive Card reply via the fake connector")
    print(f"load average (1/5/15 min) before: {load()}")
    print(f"requests: {requests} a run, continuous, concurrency: {concurrency}, {USERS} users")
    servers: list[tuple[str, str, asyncio.subprocess.Process]] = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            bot_port = free_port()
            servers.append(
                (
                    "coprod",
                    f"http://127.0.0.1:{bot_port}",
                    await start_bot(bot_port, Path(tmp) / "c.json"),
                )
            )
            if floor:
                floor_port = free_port()
                servers.insert(
                    0, ("floor", f"http://127.0.0.1:{floor_port}", await start_floor(floor_port))
                )
            async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=concurrency)
            ) as session:
                for _name, base, _process in servers:
                    await wait_healthy(session, base)
                ids = itertools.count()
                for _name, base, _process in servers:  # warm up
                    await load_run(
                        session, f"{base}/api/messages", connector, WARM_UP, concurrency, ids
                    )
                worst: dict[str, float] = {}
                for _ in range(repeat):
                    for name, base, process in servers:
                        before = len(connector.delivered())
                        cpu_before = cpu_seconds(process.pid)
                        samples, wall = await load_run(
                            session, f"{base}/api/messages", connector, requests, concurrency, ids
                        )
                        cpu_after = cpu_seconds(process.pid)
                        delivered = len(connector.delivered()) - before
                        p = percentiles(samples)
                        worst[name] = max(worst.get(name, 0.0), p["p99"])
                        cpu = ""
                        if cpu_before is not None and cpu_after is not None:
                            cpu = (
                                f"; CPU {(cpu_after - cpu_before) * 1000 / requests:.2f} ms/message"
                            )
                        print(
                            f"{name:6s} p50 {p['p50']:6.1f} ms, p95 {p['p95']:6.1f} ms, "
                            f"p99 {p['p99']:6.1f} ms, max {p['max']:6.1f} ms; "
                            f"{requests / wall:5.0f} requests/s; replies {delivered}{cpu}; "
                            f"load {os.getloadavg()[0]:.1f}",
                            flush=True,
                        )
        finally:
            for _name, _base, process in servers:
                process.terminate()
                await process.wait()
    await connector.stop()
    print(f"load average (1/5/15 min) after: {load()}")
    ratio = ""
    if "floor" in worst:
        ratio = f", {worst['coprod'] / max(worst['floor'], 0.001):.2f}x the floor's worst p99"
    met = "met" if worst["coprod"] < 100 else "NOT met"
    print(f"coprod worst p99 {worst['coprod']:.1f} ms{ratio}; target p99 < 100 ms: {met}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def activity(connector: FakeConnector, n: int) -> str:
    """Message n: its own id (the bot handles an id once), from one of 50 people, each in
    their personal chat with the bot."""
    body = load_activity("personal_message", connector.url)
    user = n % USERS
    body["text"] = "principles"
    body["id"] = f"bench-{n}"
    body["from"] = {**body["from"], "id": f"29:bench-{user}", "aadObjectId": f"aad-bench-{user}"}
    body["conversation"] = {**body["conversation"], "id": f"a:bench-personal-{user}"}
    return json.dumps(body)


async def load_run(
    session: aiohttp.ClientSession,
    url: str,
    connector: FakeConnector,
    requests: int,
    concurrency: int,
    ids: Iterator[int],
) -> tuple[list[float], float]:
    """A continuous closed loop: `concurrency` senders, each sending its next message as soon
    as the last was answered, `requests` in all. Each sample: POST until the 201 (the bot
    posted its reply to the connector before answering)."""
    samples: list[float] = []
    numbers = iter(range(requests))

    async def worker() -> None:
        for _ in numbers:
            payload = activity(connector, next(ids))
            started = time.perf_counter()
            async with session.post(
                url, data=payload, headers={"Content-Type": "application/json"}
            ) as resp:
                await resp.read()
                assert resp.status == 201, resp.status
            samples.append((time.perf_counter() - started) * 1000)

    with collector_paused():
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return samples, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each (default 2)")
    parser.add_argument(
        "--floor",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="alternate with a bare aiohttp floor (default on)",
    )
    args = parser.parse_args()
    asyncio.run(run(args.requests, args.concurrency, args.repeat, args.floor))


if __name__ == "__main__":
    main()
