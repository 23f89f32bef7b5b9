"""A small reader of the local chat's server-sent events, over real HTTP, for the tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp


@dataclass
class Event:
    kind: str
    data: dict[str, Any]
    id: str | None = None


@dataclass
class Stream:
    """One open `GET /local/stream`, read event by event."""

    response: aiohttp.ClientResponse
    seen: list[Event] = field(default_factory=list)

    async def next(self, wait: float = 5.0) -> Event:
        kind, data, ident = "message", "", None
        while True:
            raw = await asyncio.wait_for(self.response.content.readline(), wait)
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode().rstrip("\n")
            if not line:
                if data:
                    event = Event(kind, json.loads(data), ident)
                    self.seen.append(event)
                    return event
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                kind = value
            elif name == "data":
                data += value
            elif name == "id":
                ident = value

    async def until_ready(self) -> list[dict[str, Any]]:
        """The history replayed on opening, up to the `ready` event."""
        entries = []
        while (event := await self.next()).kind != "ready":
            assert event.kind == "entry", event
            entries.append(event.data)
        return entries

    async def entries(self, count: int) -> list[dict[str, Any]]:
        found = []
        while len(found) < count:
            event = await self.next()
            assert event.kind == "entry", event
            found.append(event.data)
        return found

    async def quiet(self, seconds: float = 0.3) -> bool:
        """True when nothing more arrives for `seconds`."""
        try:
            event = await self.next(wait=seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"unexpected event {event}")


@asynccontextmanager
async def opened(session: aiohttp.ClientSession, base: str, **params: str) -> AsyncIterator[Stream]:
    headers = {}
    if "last_event_id" in params:
        headers["Last-Event-ID"] = params.pop("last_event_id")
    async with session.get(f"{base}/local/stream", params=params, headers=headers) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/event-stream")
        yield Stream(resp)
