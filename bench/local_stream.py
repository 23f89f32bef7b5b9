"""Local chat fan-out: how long a channel message takes to reach every page watching the channel
over `GET /local/stream`, beside the floor of the same message with no page watching.

Run: `.venv/bin/python -m bench.local_stream [--pages 1 10 50] [--posts 200]`. The app runs in
its own process (`python app.py`, as `make run` starts it), so the pages' reading does not share
its event loop; every request goes to 127.0.0.1 and the run stops by itself."""

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
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


async def _started(port: int) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("the app did not start")


async def _page(session: aiohttp.ClientSession, base: str, channel: str, name: str) -> tuple:
    """Open one page's stream; return it once its history is in."""
    resp = await session.get(f"{base}/local/stream", params={"user": name, "channel": channel})
    while not (line := await resp.content.readline()).startswith(b"event: ready"):
        if not line:
            raise SystemExit("a stream ended early")
    await resp.content.readline()  # the ready event's data
    return resp


async def _arrival(resp: aiohttp.ClientResponse, text: str) -> float:
    """When the entry with `text` arrives on this stream (monotonic seconds)."""
    while line := await resp.content.readline():
        if line.startswith(b"data: ") and json.loads(line[6:]).get("text") == text:
            return time.monotonic()
    raise SystemExit("a stream ended early")


async def run(base: str, pages: int, posts: int) -> dict[str, dict[str, float]]:
    channel = f"bench-{pages}"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        streams = [await _page(session, base, channel, f"p{n}") for n in range(pages)]
        sent, everyone = [], []
        for n in range(posts):
            text = f"message {n} from the bench"
            waits = [asyncio.create_task(_arrival(s, text)) for s in streams]
            start = time.monotonic()
            async with session.post(
                f"{base}/local/messages",
                json={"user": "writer", "channel": channel, "text": text},
            ) as resp:
                assert resp.status == 200
                await resp.read()
            sent.append((time.monotonic() - start) * 1000)
            if waits:
                everyone.append((max(await asyncio.gather(*waits)) - start) * 1000)
        for stream in streams:
            stream.close()
    result = {"POST answered": percentiles(sent)}
    if everyone:
        result["reached every page"] = percentiles(everyone)
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--posts", type=int, default=200)
    args = parser.parse_args()
    header("local chat: a channel message reaching the pages watching the channel")
    print(load())
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PORT": str(port), "COPROD_DB": f"{folder}/db.json"}
        for name in ("SLACK_BOT_TOKEN", "MICROSOFT_APP_ID", "SLACK_APP_TOKEN"):
            env.pop(name, None)
        app = await asyncio.create_subprocess_exec(
            sys.executable,
            str(ROOT / "app.py"),
            cwd=folder,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            await _started(port)
            base = f"http://127.0.0.1:{port}"
            for pages in [0, *args.pages]:  # 0 pages: the floor, a message nobody watches
                for what, p in (await run(base, pages, args.posts)).items():
                    figures = ", ".join(f"{k} {v:.1f} ms" for k, v in p.items())
                    print(f"{pages:>3} pages, {args.posts} messages, {what}: {figures}")
        finally:
            app.terminate()
            await asyncio.wait_for(app.wait(), 10)
    print(load())


if __name__ == "__main__":
    asyncio.run(main())
