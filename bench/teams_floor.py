"""The Teams bench's floor: a bare aiohttp app that answers a message the least a bot can.

`python -m bench.teams_floor PORT`: `POST /api/messages` reads the activity's JSON, posts one
fixed Adaptive Card reply to its `serviceUrl` (the fake connector) and answers 201, as coprod
does, with no Bot Framework, core or store. Run in the same bench as coprod, it shows what the
machine allows at that moment."""

from __future__ import annotations

import json
import sys

import aiohttp
from aiohttp import web

CARD = {
    "type": "message",
    "attachments": [
        {
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [{"type": "TextBlock", "text": "The eight principles", "wrap": True}],
            },
        }
    ],
}


def app() -> web.Application:
    session: list[aiohttp.ClientSession] = []

    async def messages(request: web.Request) -> web.Response:
        activity = json.loads(await request.read())
        base = activity["serviceUrl"].rstrip("/")
        conversation, reply_to = activity["conversation"]["id"], activity["id"]
        url = f"{base}/v3/conversations/{conversation}/activities/{reply_to}"
        body = {**CARD, "replyToId": reply_to, "conversation": activity["conversation"]}
        async with session[0].post(url, json=body) as resp:
            await resp.read()
        return web.Response(status=201)

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def start(_app: web.Application) -> None:
        session.append(aiohttp.ClientSession())

    async def stop(_app: web.Application) -> None:
        await session[0].close()

    application = web.Application()
    application.router.add_post("/api/messages", messages)
    application.router.add_get("/healthz", healthz)
    application.on_startup.append(start)
    application.on_cleanup.append(stop)
    return application


if __name__ == "__main__":
    web.run_app(app(), host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
