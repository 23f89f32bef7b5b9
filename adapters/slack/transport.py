"""HTTP transport: `POST /slack/events`, signature checked, body checked, then Bolt dispatches."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from . import replay
from .ackfirst import AckFirst
from .payloads import Malformed, parse

log = logging.getLogger(__name__)
ROUTE = "/slack/events"


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _slack_headers(request: web.Request) -> dict[str, str | Sequence[str]]:
    """Only Slack's own headers (the retry number and reason) mean anything to Bolt once the
    body is parsed and verified; passing just these spares Bolt normalising the rest."""
    return {k: v for k, v in request.headers.items() if k[:8].lower() == "x-slack-"}


def events_route(
    app: AsyncApp,
    signing_secret: str,
    ack_first: AckFirst | None = None,
    fast: Callable[[dict[str, Any]], bool] | None = None,
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler for Slack's commands, events and interactivity.

    Order matters: a bad or stale signature is a 401 before anything is parsed (the core is
    never called); a signed body that is not a payload we understand is a 400. The checked body
    goes to Bolt already parsed, so Bolt's own form parsing (which mistakes any slash command
    whose text says "payload" for an interaction) is never used.

    `fast(body)` may take a checked body itself (True: it is acked with Bolt's own empty 200);
    see `SlackHandlers.take_command`, which does this for slash commands once Bolt has
    authorized the app, because Bolt's dispatch then adds nothing to a command but time."""
    verifier = SignatureVerifier(signing_secret)
    gate = ack_first or AckFirst()

    async def handle(request: web.Request) -> web.Response:
        with gate.request():
            return await _handle(request)

    async def _handle(request: web.Request) -> web.Response:
        raw = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        try:
            valid = verifier.is_valid(body=raw, timestamp=timestamp, signature=signature)
        except (ValueError, TypeError):
            valid = False
        if not valid:
            return _error(401, "invalid or expired signature")
        try:
            text = raw.decode("utf-8")
            body = parse(text, request.content_type)
        except UnicodeDecodeError:
            return _error(400, "the body must be UTF-8")
        except Malformed as exc:
            log.info("Slack: rejected a malformed body: %s", exc)
            return _error(400, str(exc))
        if body.get("type") not in ("event_callback", "url_verification"):
            # Commands and clicks: the signature lets the handlers refuse a replay (events
            # are deduped on their event_id instead). Checked after the ack, off its path.
            body[replay.FIELD] = {"signature": signature, "timestamp": int(timestamp or 0)}
        if fast is not None and fast(body):
            return web.Response(status=200, body=b"", content_type="text/plain")  # as Bolt acks
        try:
            # mode="socket_mode" is how Bolt accepts an already parsed (and verified) body.
            bolt_request = AsyncBoltRequest(
                body=body,
                query=request.query_string,
                headers=_slack_headers(request),
                mode="socket_mode",
            )
        except Exception as exc:  # Bolt could not read it: still the sender's mistake
            log.info("Slack: Bolt could not read a body: %r", exc)
            return _error(400, "the body is not a Slack payload")
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    return handle
