"""Load shapes for the Slack ack bench: waves, a continuous closed loop, and an open loop.

Every command is a signed `/coprod principles` from one of 50 users in one of 20 channels, with
its own trigger id, so no two bodies are alike (a replay would be refused). Each run (segment)
has its own 20 channels; the fake Slack notes when each reply reached each channel, and the
n-th reply in a channel is matched to the n-th ack there (a channel's work runs in order)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.machine import collector_paused
from bench.slack_servers import SECRET

CHANNELS = 20
USERS = 50


@dataclass
class Segment:
    """What one run of load at one server saw: ack times (ms) and when each ack came back."""

    tag: str
    acks_ms: list[float] = field(default_factory=list)
    acked_at: dict[str, list[float]] = field(default_factory=dict)  # channel → ack times, in order
    errors: int = 0
    sent: int = 0
    wall: float = 0.0  # first send to last ack, seconds


def command(i: int, tag: str, hooks: str) -> tuple[str, dict[str, str], str]:
    """The i-th command of segment `tag`: its body, signed headers and channel (each segment
    has its own 20 channels, so its replies are told apart from others')."""
    channel = f"C{tag}x{i % CHANNELS:02d}"
    body = urlencode(
        {
            "team_id": "T0001",
            "channel_id": channel,
            "channel_name": f"bench-{tag}-{i % CHANNELS}",
            "user_id": f"U{i % USERS:05d}",
            "user_name": f"user{i % USERS}",
            "command": "/coprod",
            "text": "principles",
            "response_url": f"{hooks}/{channel}",
            "trigger_id": f"{tag}.{i}.x",
        }
    )
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={mac}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return body, headers, channel


class Pool:
    """Keep-alive HTTP/1.1 connections to one server, written by hand: aiohttp's client costs
    this process more CPU per request than the floor server spends, and on 2 cores the load
    must not be what limits the rate."""

    def __init__(self, url: str) -> None:
        rest = url.split("://", 1)[1]
        hostport, _, path = rest.partition("/")
        self.host, _, port = hostport.partition(":")
        self.port = int(port or 80)
        self.path = "/" + path
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened: list[asyncio.StreamWriter] = []

    async def post(self, body: bytes, headers: dict[str, str]) -> int:
        """POST `body`; the answer's status (its body read and dropped)."""
        if self.idle:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            self.opened.append(writer)
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        writer.write(
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Length: {len(body)}\r\n{head}\r\n".encode()
            + body
        )
        try:
            status = int((await reader.readline()).split()[1])
            length, chunked = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding" and b"chunked" in value.lower():
                    chunked = True
            if chunked:
                while size := int((await reader.readline()).split(b";")[0], 16):
                    await reader.readexactly(size + 2)
                await reader.readline()
            elif length:
                await reader.readexactly(length)
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            writer.close()
            raise ConnectionError("the server did not answer") from None
        self.idle.append((reader, writer))
        return status

    def close(self) -> None:
        for writer in self.opened:
            writer.close()
        self.idle.clear()
        self.opened.clear()


async def _send(pool: Pool, seg: Segment, i: int, hooks: str, since: float) -> None:
    """One command; its ack time counts from `since` (when it was due, for the open loop)."""
    body, headers, channel = command(i, seg.tag, hooks)
    seg.sent += 1
    try:
        ok = await pool.post(body.encode(), headers) == 200
    except ConnectionError:
        ok = False
    now = time.monotonic()
    if not ok:
        seg.errors += 1
        return
    seg.acks_ms.append((now - since) * 1000)
    seg.acked_at.setdefault(channel, []).append(now)


async def closed_loop(pool: Pool, tag: str, hooks: str, total: int, clients: int) -> Segment:
    """`clients` senders, each sending its next command as soon as the last is acked."""
    seg, numbers = Segment(tag), iter(range(total))

    async def client() -> None:
        for i in numbers:
            await _send(pool, seg, i, hooks, time.monotonic())

    with collector_paused():
        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(clients)))
        seg.wall = time.monotonic() - started
    return seg


async def open_loop(pool: Pool, tag: str, hooks: str, rate: float, seconds: float) -> Segment:
    """Commands due at a fixed `rate` whatever the answers; each ack time counts from when
    its command was due, so a server (or client) falling behind shows in the figures."""
    seg, tasks = Segment(tag), set()
    total = max(1, int(rate * seconds))
    with collector_paused():
        started = time.monotonic()
        for i in range(total):
            due = started + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(_send(pool, seg, i, hooks, due))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        await asyncio.gather(*tasks)
        seg.wall = time.monotonic() - started
    return seg


async def wave(pool: Pool, tag: str, hooks: str, n: int) -> Segment:
    """`n` commands at once."""
    seg = Segment(tag)
    with collector_paused():
        started = time.monotonic()
        await asyncio.gather(*(_send(pool, seg, i, hooks, started) for i in range(n)))
        seg.wall = time.monotonic() - started
    return seg
