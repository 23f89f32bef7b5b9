"""The live conversation as server-sent events: `GET /local/stream`.

A page opens one stream for where it is (`?user=NAME&channel=NAME&direct=false`). It first gets
that conversation's kept history, then a `ready` event, then each new entry as it happens.
Each entry is an `entry` event whose id is `<boot>:<seq>`, so a browser that reconnects (it
sends `Last-Event-ID`) gets only what it missed, and everything again after a restart (a new
boot id: the history lived in memory and began again). A comment every `HEARTBEAT` seconds
keeps proxies from closing a quiet stream and finds pages that went away."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from .history import History, Posted

HEARTBEAT = 15.0
RETRY_MS = 1000


def _event(kind: str, data: dict[str, Any], ident: str | None = None) -> bytes:
    head = f"id: {ident}\n" if ident is not None else ""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"{head}event: {kind}\ndata: {body}\n\n".encode()


def _entry(history: History, entry: Posted) -> bytes:
    return _event("entry", entry.wire(), f"{history.boot}:{entry.seq}")


def resume_after(history: History, last_event_id: str | None, after: int) -> int:
    """Where to resume: the browser's last id when it is from this boot, else `after`."""
    if last_event_id:
        boot, _, seq = last_event_id.partition(":")
        if boot == history.boot and seq.isdigit():
            return int(seq)
        return 0  # ids from before a restart: every entry kept now is new to this page
    return after


async def refused(request: web.Request, sentence: str) -> web.StreamResponse:
    """A stream that only says why it cannot open (a browser's EventSource cannot read the
    body of an error response, so the sentence comes as an event)."""
    response = await _open(request)
    await response.write(_event("refused", {"error": sentence}))
    await response.write_eof()
    return response


async def _open(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    return response


async def stream(
    request: web.Request,
    history: History,
    channel: str,
    user: str,
    after: int,
    *,
    language: str | None = None,
) -> web.StreamResponse:
    """Serve one page's stream until it goes away or the server stops. `ready` carries the
    language the person chose, if any, so the page can read in it."""
    response = await _open(request)
    watcher = history.watch(channel, user)  # with no wait before the replay: nothing is missed
    try:
        last = resume_after(history, request.headers.get("Last-Event-ID"), after)
        for entry in history.entries(channel, user, last):
            await response.write(_entry(history, entry))
            last = entry.seq
        ready = {"boot": history.boot, "channel": channel, "language": language}
        await response.write(_event("ready", ready))
        while (live := await _next(watcher.queue, response)) is not None:
            if live.seq > last:
                await response.write(_entry(history, live))
                last = live.seq
    except ConnectionResetError:
        pass  # the page went away; nothing to tell it
    finally:
        history.unwatch(watcher)
    return response


async def _next(queue: asyncio.Queue[Posted | None], response: web.StreamResponse) -> Posted | None:
    """The next entry for this stream (None: the stream ends), with a heartbeat while quiet."""
    while True:
        try:
            return await asyncio.wait_for(queue.get(), HEARTBEAT)
        except TimeoutError:
            await response.write(b": still here\n\n")
