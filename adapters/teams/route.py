"""`POST /api/messages`: check the body, the token and the tenant, then run one bot turn.

Our own handler rather than `CloudAdapter.process`, which in 4.17.1 double-serialises invoke
bodies (500) and lets a malformed token escape as a 500. Answers: 400 malformed body,
401 not authenticated, 403 another tenant, 200 with the invoke body, 201 otherwise."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import botbuilder.schema
from aiohttp import web
from botbuilder.core import CloudAdapterBase, TurnContext
from botbuilder.schema import Activity
from msrest.exceptions import DeserializationError

from bot import inbound
from bot.inbound import Hostile

from . import events
from .auth import Unauthorized, screen
from .deserialize import FastDeserializer
from .service_urls import ServiceUrls

log = logging.getLogger(__name__)
AUTH_TIMEOUT = 10.0
Turn = Callable[[TurnContext], Awaitable[Any]]
# What `Activity().deserialize(body)` does, with msrest's model table built once, not per call,
# and each model's attributes planned once (`deserialize.py`).
_DESERIALIZE = FastDeserializer(
    {name: kind for name, kind in vars(botbuilder.schema).items() if isinstance(kind, type)}
)


def _bad(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


def _shape_problem(body: Any) -> str | None:
    """Why a JSON body is not an activity we can answer, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object (a Bot Framework activity)"
    for key in ("type", "serviceUrl", "channelId"):
        if not isinstance(body.get(key), str) or not body[key]:
            return f"{key}: missing or not a string"
    if not body["serviceUrl"].startswith(("https://", "http://")):
        return "serviceUrl: must be an http(s) address"
    for key in ("conversation", "recipient"):
        part = body.get(key)
        if not isinstance(part, dict) or not isinstance(part.get("id"), str) or not part["id"]:
            return f"{key}.id: missing or not a string"
    if "from" in body and not isinstance(body["from"], dict):
        return "from: must be an object"
    for key, kind in (("entities", list), ("membersAdded", list), ("channelData", dict)):
        if body.get(key) is not None and not isinstance(body[key], kind):
            return f"{key}: wrong type"
    for key in ("entities", "membersAdded"):
        if any(not isinstance(x, dict) for x in body.get(key) or []):
            return f"{key}: every item must be an object"
    for key in ("text", "name", "id", "replyToId"):
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"{key}: must be a string"
    return None


def messages_handler(
    cloud: CloudAdapterBase,
    on_turn: Turn,
    *,
    auth_required: bool,
    tenant: str | None,
    service_urls: ServiceUrls | None = None,
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The aiohttp handler for `/api/messages`. With authentication on, an activity whose
    `serviceUrl` is not on the allow-list is refused (403) before anything is stored."""
    allowed = service_urls or ServiceUrls.anything()

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            body = inbound.loads(await request.read())
        except Hostile as exc:
            log.info("Refused a Teams request: the body is %s", exc)
            return _bad(f"the body must be JSON ({exc})")
        problem = _shape_problem(body)
        if problem:
            return _bad(problem)
        try:
            activity: Activity = _DESERIALIZE(Activity.__name__, body)
        except (DeserializationError, ValueError, TypeError, AttributeError, KeyError) as exc:
            return _bad(f"not a Bot Framework activity: {exc}")
        auth_header = request.headers.get("Authorization", "")
        try:
            if auth_required:
                screen(auth_header)
            async with asyncio.timeout(AUTH_TIMEOUT):  # no task of its own, as wait_for makes
                authenticated = await cloud.bot_framework_authentication.authenticate_request(
                    activity, auth_header
                )
        except (Unauthorized, PermissionError) as exc:
            log.info("Refused a Teams request: %s", exc)
            return web.json_response({"error": "unauthorized"}, status=401)
        except Exception as exc:  # jwt.DecodeError, KeyError, timeouts … all mean "not valid"
            log.info("Refused a Teams request: %s: %s", type(exc).__name__, exc)
            return web.json_response({"error": "unauthorized"}, status=401)
        if not allowed.allows(activity.service_url):
            log.warning(
                "Refused an activity whose serviceUrl %r is not in MICROSOFT_SERVICE_URLS",
                activity.service_url[:200],
            )
            return web.json_response({"error": "serviceUrl not allowed"}, status=403)
        if tenant and events.tenant_of(activity) != tenant:
            log.warning("Refused an activity from another tenant (%s)", events.tenant_of(activity))
            return web.json_response({"error": "this bot serves one tenant only"}, status=403)
        try:
            invoke = await cloud.process_activity(authenticated, activity, on_turn)
        except Exception:
            log.exception("A Teams %s activity failed", activity.type)
            return web.json_response({"error": "internal error"}, status=500)
        if invoke is not None:
            return web.Response(
                status=int(invoke.status),
                body=json.dumps(invoke.body if invoke.body is not None else {}),
                content_type="application/json",
            )
        return web.Response(status=201)

    return handle
