"""A fake Bot Connector on 127.0.0.1 that records every request the bot makes."""

from __future__ import annotations

import itertools
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.conftest import free_port


@dataclass
class Call:
    method: str
    path: str
    conversation: str
    reply_to: str | None
    body: dict[str, Any]
    status: int


@dataclass
class FakeConnector:
    """`POST /v3/conversations/{id}/activities[/{replyToId}]`, `PUT …/activities/{id}` and
    `POST /v3/conversations`. `fail_next` holds (status, headers) answers to give first;
    `not_installed` lists user ids whose personal chat cannot be created (Teams answers 403)."""

    calls: list[Call] = field(default_factory=list)
    fail_next: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)
    not_installed: set[str] = field(default_factory=set)
    url: str = ""
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None

    def delivered(self, method: str = "POST") -> list[Call]:
        """Activities the connector accepted (2xx), in order."""
        return [
            c
            for c in self.calls
            if c.status < 300 and c.method == method and "/activities" in c.path
        ]

    async def _activity(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        status, headers = self.fail_next.popleft() if self.fail_next else (200, {})
        self.calls.append(
            Call(
                request.method,
                request.path,
                request.match_info["conversation"],
                request.match_info.get("activity"),
                body,
                status,
            )
        )
        if status >= 300:
            return web.json_response(
                {"error": {"code": "Throttled", "message": "slow down"}},
                status=status,
                headers=headers,
            )
        return web.json_response({"id": f"m{next(self._ids)}"})

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

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._activity)
        app.router.add_post(
            "/v3/conversations/{conversation}/activities/{activity}", self._activity
        )
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._activity)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
