"""Teams message → reply through the real /api/messages route and a fake connector, 50 at once.

Run: .venv/bin/python -m bench.teams_roundtrip [--requests 2000] [--concurrency 50]
Each sample is one POST of a personal-chat "principles" message until the bot has posted its
Adaptive Card reply to the fake connector on 127.0.0.1 and answered 201. Also prints the bot
process's CPU time per message (Linux), which other load on the machine does not inflate."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.machine import header, percentiles
from tests.adapters.teams.conftest import load_activity
from tests.adapters.teams.fake_connector import FakeConnector
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 50


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` (all its threads), from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wait_healthy(session: aiohttp.ClientSession, base: str) -> None:
    for _ in range(200):
        try:
            async with session.get(f"{base}/healthz") as resp:
                if resp.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError("the bot did not start")


async def run(requests: int, concurrency: int) -> None:
    """The bot runs as its own process (`python app.py serve`), like in production; this
    process plays Teams (the client) and the Bot Connector (the fake)."""
    connector = FakeConnector()
    await connector.start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PORT": str(port),
            "MICROSOFT_APP_ID": "",
            "COPROD_DB": str(Path(tmp) / "coprod.json"),
            "COPROD_LOG_LEVEL": "ERROR",
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "app.py", "serve", cwd=ROOT, env=env
        )
        try:
            async with aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=concurrency)
            ) as session:
                await wait_healthy(session, base)
                cpu_before = cpu_seconds(bot.pid)
                samples, wall = await load(
                    session, f"{base}/api/messages", connector, requests, concurrency
                )
                cpu_after = cpu_seconds(bot.pid)
        finally:
            bot.terminate()
            await bot.wait()
    delivered = len(connector.delivered()) - WARM_UP
    await connector.stop()
    p = percentiles(samples)
    header("Teams round trip: message → Adaptive Card reply via the fake connector")
    print(f"requests: {requests}, concurrency: {concurrency}, replies delivered: {delivered}")
    print(
        f"p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms, p99 {p['p99']:.1f} ms, "
        f"max {p['max']:.1f} ms; {requests / wall:.0f} requests/s"
    )
    if cpu_before is not None and cpu_after is not None:
        per_message = (cpu_after - cpu_before) * 1000 / (requests + WARM_UP)
        print(f"bot CPU per message: {per_message:.2f} ms")
    print(f"target p99 < 100 ms: {'met' if p['p99'] < 100 else 'NOT met'}")


async def load(
    session: aiohttp.ClientSession,
    url: str,
    connector: FakeConnector,
    requests: int,
    concurrency: int,
) -> tuple[list[float], float]:
    body = load_activity("personal_message", connector.url)
    body["text"] = "principles"
    payload = json.dumps(body)
    samples: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()

    async def worker() -> None:
        while not queue.empty():
            queue.get_nowait()
            started = time.perf_counter()
            async with session.post(
                url, data=payload, headers={"Content-Type": "application/json"}
            ) as resp:
                await resp.read()
                assert resp.status == 201, resp.status
            samples.append((time.perf_counter() - started) * 1000)

    for _ in range(WARM_UP):
        queue.put_nowait(-1)
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    samples.clear()
    for i in range(requests):
        queue.put_nowait(i)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.requests, args.concurrency))


if __name__ == "__main__":
    main()
