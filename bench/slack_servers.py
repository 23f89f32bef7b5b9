"""The processes the Slack ack bench talks to: a fake Slack, a bare Bolt floor, and coprod.

`python -m bench.slack_servers fake PORT` serves the fake Slack Web API and response URLs and
notes when each response URL post arrived (CLOCK_MONOTONIC, which every process on the machine
shares); `python -m bench.slack_servers floor PORT API_URL` serves a bare Bolt app that only
acks. coprod itself runs as `python app.py serve`, as in production."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret"


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process `pid` (all its threads), from /proc; None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fake_app() -> web.Application:
    """The fake Slack of the tests, plus when each reply arrived, per channel, whether it was
    posted with `chat.postMessage` or to the command's response URL (`/hooks/<channel>`):
    `GET /times?prefix=` gives them (CLOCK_MONOTONIC seconds), `GET /count?prefix=` counts."""
    from tests.adapters.slack.conftest import FakeSlack

    fake = FakeSlack()
    arrived: dict[str, list[float]] = {}
    posts = itertools.count(1)

    async def api(request: web.Request) -> web.StreamResponse:
        if request.match_info["method"] != "chat.postMessage":
            return await fake.api(request)
        now = time.monotonic()
        if request.content_type == "application/json":
            channel = str((await request.json()).get("channel"))
        else:
            channel = str((await request.post()).get("channel"))
        arrived.setdefault(channel, []).append(now)
        return web.json_response(
            {"ok": True, "channel": channel, "ts": f"1700000000.{next(posts):06d}"}
        )

    async def hook(request: web.Request) -> web.StreamResponse:
        arrived.setdefault(request.match_info["name"], []).append(time.monotonic())
        await request.read()
        return web.Response(text="ok")

    def matching(request: web.Request) -> dict[str, list[float]]:
        prefix = request.query.get("prefix", "")
        return {k: v for k, v in arrived.items() if k.startswith(prefix)}

    async def times(request: web.Request) -> web.Response:
        return web.json_response(matching(request))

    async def count(request: web.Request) -> web.Response:
        return web.json_response({"replies": sum(len(v) for v in matching(request).values())})

    app = web.Application()
    app.router.add_route("*", "/api/{method}", api)
    app.router.add_post("/hooks/{name}", hook)
    app.router.add_get("/times", times)
    app.router.add_get("/count", count)
    return app


def floor_app(api_url: str) -> web.Application:
    """A bare Bolt AsyncApp (its own signature check on) that only acks `/coprod`."""
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(
        client=AsyncWebClient(token="xoxb-bench", base_url=api_url),
        signing_secret=SECRET,
        process_before_response=True,
    )

    @bolt.command("/coprod")
    async def ack_only(ack: Any) -> None:
        await ack()

    async def route(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/slack/events", route)
    app.router.add_get("/healthz", healthz)
    return app


async def start_process(
    *args: str, env: dict[str, str] | None = None
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=ROOT, env={**os.environ, **(env or {})}
    )


async def start_fake(port: int) -> asyncio.subprocess.Process:
    return await start_process("-m", "bench.slack_servers", "fake", str(port))


async def start_floor(port: int, api_url: str) -> asyncio.subprocess.Process:
    return await start_process("-m", "bench.slack_servers", "floor", str(port), api_url)


async def start_coprod(port: int, api_url: str, db: Path) -> asyncio.subprocess.Process:
    env = {
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "COPROD_DB": str(db),
        "COPROD_LOG_LEVEL": "ERROR",
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
    }
    return await start_process("app.py", "serve", env=env)


async def wait_up(session: aiohttp.ClientSession, url: str) -> None:
    for _ in range(1200):  # up to a minute: a shared machine starts the bot slowly
        try:
            async with session.get(url) as resp:
                if resp.status < 500:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def main() -> None:
    kind, port = sys.argv[1], int(sys.argv[2])
    app = fake_app() if kind == "fake" else floor_app(sys.argv[3])
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
