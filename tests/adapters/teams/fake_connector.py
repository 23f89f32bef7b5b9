"""A fake Bot Connector on 127.0.0.1 that records every request the bot makes, with faults
on demand (`tests/faults.py`): per route "post" (new activities), "put" and "create"."""

from __future__ import annotations

import itertools
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.faults import AFTER_HANDLING, Fault, Faults, Listener, answer


@dataclass
class Call:
    method: str
    path: str
    conversation: str
    reply_to: str | None
    body: dict[str, Any]
    status: int
    shown: bool = False  # Teams acted on it (shown to people), whatever the bot was answered


@dataclass
class FakeConnector:
    """`POST /v3/conversations/{id}/activities[/{replyToId}]`, `PUT …/activities/{id}` and
    `POST /v3/conversations`. `fail_next` holds (status, headers) answers to give first;
    `not_installed` lists user ids whose personal chat cannot be created (Teams answers 403).
    `faults` gives faults per route ("post", "put", "create"); `listener.refuse(seconds)`."""

    calls: list[Call] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)
    listener: Listener | None = None
    fail_next: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)
    not_installed: set[str] = field(default_factory=set)
    url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def delivered(self, method: str = "POST") -> list[Call]:
        """Activities the connector accepted (2xx), in order."""
        return [
            c
            for c in self.calls
            if c.status < 300 and c.method == method and "/activities" in c.path
        ]

    def shown(self, method: str = "POST") -> list[Call]:
        """Activities Teams acted on (people see them), also those answered with a fault
        after the work (a dropped connection, a 502): what counts for "posted twice"."""
        return [c for c in self.calls if c.shown and c.method == method and "/activities" in c.path]

    async def _activity(self, request: web.Request) -> web.StreamResponse:
        body = json.loads(await request.read())
        status, headers = self.fail_next.popleft() if self.fail_next else (200, {})
        call = Call(
            request.method,
            request.path,
            request.match_info["conversation"],
            request.match_info.get("activity"),
            body,
            status,
        )
        self.calls.append(call)
        if status >= 300:
            return web.json_response(
                {"error": {"code": "Throttled", "message": "slow down"}},
                status=status,
                headers=headers,
            )
        fault = self.faults.take("post" if request.method == "POST" else "put")

        async def handle() -> web.StreamResponse:
            call.shown = True
            return web.json_response({"id": f"m{next(self._ids)}"})

        def refusal(fault: Fault) -> web.StreamResponse:
            call.status = 429 if fault.kind == "429" else fault.status
            call.shown = fault.kind in AFTER_HANDLING
            if fault.kind == "429":
                return web.json_response(
                    {"error": {"code": "Throttled", "message": "slow down"}},
                    status=429,
                    headers={"Retry-After": str(fault.retry_after)},
                )
            return web.json_response(
                {"error": {"code": "BadGateway", "message": "upstream"}}, status=fault.status
            )

        answered = await answer(request, fault, handle, refusal)
        if fault is not None and fault.kind == "drop":
            call.status = 0  # no answer reached the bot
        return answered

    async def _create(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        members = [m.get("id") for m in body.get("members") or []]
        installed = not (set(members) & self.not_installed)
        status = 201 if installed else 403
        self.calls.append(Call("POST", request.path, "", None, body, status))
        if not installed:
            return web.json_response(
                {
                    "error": {
                        "code": "Forbidden",
                        "message": "Bot is not installed in user's personal scope",
                    }
                },
                status=403,
            )
        return web.json_response({"id": f"a:personal-{members[0]}", "activityId": ""}, status=201)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._activity)
        app.router.add_post(
            "/v3/conversations/{conversation}/activities/{activity}", self._activity
        )
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._activity)
        return app

    async def start(self) -> str:
        self.listener = Listener(self.app)
        await self.listener.start()
        self.url = f"{self.listener.base}/"
        return self.url

    async def stop(self) -> None:
        if self.listener is not None:
            await self.listener.stop()
