"""Slash-command ack latency through the real `/slack/events` route, against a bare Bolt floor.

Usage: .venv/bin/python -m bench.slack_ack [-n 50] [--rounds 10]
N concurrent signed `/coprod principles` requests over loopback; the bot then answers through a
fake Slack Web API on loopback (the work after the ack runs in the same process, as in
production). The floor is a bare Bolt AsyncApp on the same kind of aiohttp route that only acks.
Waves alternate between the floor and coprod, so both see the same machine load."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import multiprocessing
import os
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from bench.machine import header, percentiles, rss_mb
from bot.model import Platform
from bot.settings import load_settings
from runtime.server import build, close, serving
from tests.adapters.slack.conftest import FakeSlack
from tests.conftest import free_port

SECRET = "bench-secret"


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={mac}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def command_body(i: int, response_url: str) -> str:
    return urlencode(
        {
            "team_id": "T0001",
            "channel_id": "C0001",
            "channel_name": "bench",
            "user_id": f"U{i:05d}",
            "user_name": f"user{i}",
            "command": "/coprod",
            "text": "principles",
            "response_url": response_url,
            "trigger_id": f"{i}.1.x",
        }
    )


async def wave(session: aiohttp.ClientSession, url: str, n: int, response_url: str) -> list[float]:
    """`n` concurrent commands; the time to each ack in ms."""

    async def one(i: int) -> float:
        body = command_body(i, response_url)
        start = time.perf_counter()
        async with session.post(url, data=body.encode(), headers=signed(body)) as resp:
            await resp.read()
            assert resp.status == 200, resp.status
        return (time.perf_counter() - start) * 1000

    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def fire(
    targets: list[tuple[str, Any]], n: int, rounds: int, response_url: str
) -> list[list[float]]:
    """`rounds` waves of `n` concurrent commands at each target in turn (url, settle), so every
    target sees the same machine load; the time to each ack in ms, per target. After each
    wave, `settle()` waits until the work behind its acks is done."""
    timings: list[list[float]] = [[] for _ in targets]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        for round_ in range(rounds + 1):  # round 0 warms up (auth.test, connections)
            for k, (url, settle) in enumerate(targets):
                samples = await wave(session, url, n, response_url)
                if round_:
                    timings[k] += samples
                if settle is not None:
                    await settle()
                await asyncio.sleep(0.05)
    return timings


async def serve_floor(api_url: str) -> tuple[web.AppRunner, str]:
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(
        client=AsyncWebClient(token="xoxb-bench", base_url=api_url),
        signing_secret=SECRET,
        process_before_response=True,
    )

    @bolt.command("/coprod")
    async def ack_only(ack) -> None:  # type: ignore[no-untyped-def]
        await ack()

    async def route(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    app = web.Application()
    app.router.add_post("/slack/events", route)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/slack/events"


def run_fake_api(port: int) -> None:
    """The fake Slack Web API, in its own process: Slack's servers are not in ours."""
    fake = FakeSlack()
    api = web.Application()
    api.router.add_route("*", "/api/{method}", fake.api)
    api.router.add_post("/hooks/{name}", fake.hook)

    async def count(_request: web.Request) -> web.Response:
        return web.json_response({"posts": len(fake.of("chat.postMessage"))})

    api.router.add_get("/count", count)
    web.run_app(api, host="127.0.0.1", port=port, print=None, access_log=None)


async def posts(base: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(f"{base}/count") as resp:
        return int((await resp.json())["posts"])


async def main(n: int, rounds: int) -> None:
    api_port = free_port()
    process = multiprocessing.Process(target=run_fake_api, args=(api_port,), daemon=True)
    process.start()
    fake = FakeSlack(base=f"http://127.0.0.1:{api_port}")
    for _ in range(100):
        try:
            await posts(fake.base)
            break
        except aiohttp.ClientError:
            await asyncio.sleep(0.05)

    floor_runner, floor_url = await serve_floor(fake.api_url)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            COPROD_DB=str(Path(tmp) / "bench.json"),
            SLACK_BOT_TOKEN="xoxb-bench",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
        )
        runtime = await build(settings)
        adapter = runtime.core.adapters[Platform.SLACK]
        port = free_port()
        async with serving(runtime, "127.0.0.1", port):
            started = time.perf_counter()
            ours_url = f"http://127.0.0.1:{port}/slack/events"
            floor, ours = await fire(
                [(floor_url, None), (ours_url, adapter.idle)],  # type: ignore[attr-defined]
                n,
                rounds,
                fake.response_url(),
            )
            await adapter.idle()  # type: ignore[attr-defined]
            total = time.perf_counter() - started
        await close(runtime)
    await floor_runner.cleanup()
    replies = await posts(fake.base)
    process.terminate()
    load_after = os.getloadavg()

    header(f"Slack slash-command ack: {n} concurrent, {rounds} rounds (+1 warm-up)")
    for name, samples in (("bare Bolt ack (floor)", floor), ("coprod /slack/events", ours)):
        p = percentiles(samples)
        print(
            f"{name:24s} p50 {p['p50']:6.1f} ms  p95 {p['p95']:6.1f} ms  "
            f"p99 {p['p99']:6.1f} ms  max {p['max']:6.1f} ms  (n={len(samples)})"
        )
    ratio = percentiles(ours)["p99"] / max(percentiles(floor)["p99"], 0.001)
    print(f"p99 ratio coprod / floor: {ratio:.2f}x (target < 1.5x, and p99 < 100 ms)")
    print(f"replies delivered to the fake Web API: {replies}; whole run {total:.2f} s")
    print(f"peak RSS: {rss_mb():.0f} MB")
    before, after = (" ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
    print(f"load average (1/5/15 min) before: {before}; after: {after}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="concurrent requests (default 50)")
    parser.add_argument("--rounds", type=int, default=10, help="waves of requests (default 10)")
    args = parser.parse_args()
    asyncio.run(main(args.n, args.rounds))
