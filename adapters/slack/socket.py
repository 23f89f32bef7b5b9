"""Socket Mode transport: envelopes over Slack's WebSocket, checked like HTTP bodies, all acked."""

from __future__ import annotations

import asyncio
import logging
from time import time
from typing import Any

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.settings import SettingsError

from .ackfirst import AckFirst
from .payloads import Malformed, check_envelope

log = logging.getLogger(__name__)


class SocketTransport(AsyncSocketModeHandler):
    """Bolt's Socket Mode handler with the HTTP route's guarantees: every payload passes the same
    checks as over HTTP before Bolt sees it, and every envelope is acknowledged, even one that is
    malformed or that no listener takes (an unacknowledged envelope is only sent again)."""

    def __init__(
        self, app: AsyncApp, app_token: str, web_client: AsyncWebClient, gate: AckFirst
    ) -> None:
        super().__init__(app, app_token, web_client=web_client, logger=log)
        self.gate = gate

    async def start(self) -> None:
        """Ask Slack for a WebSocket address, then connect. A token Slack refuses stops start-up
        (the SDK would otherwise retry it for ever); network trouble is retried by the SDK."""
        client: SocketModeClient = self.client
        try:
            client.wss_uri = await client.issue_new_wss_url()
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else None
            await self.close_async()
            raise SettingsError(
                [f"SLACK_APP_TOKEN: Slack refused it for Socket Mode ({error or exc})"]
            ) from None
        except Exception as exc:
            log.warning("Slack: could not reach Slack for Socket Mode yet (%s); retrying", exc)
        await self.connect_async()

    async def close(self) -> None:
        """Close the WebSocket and wait for the SDK's own tasks to end (a clean shutdown)."""
        client: SocketModeClient = self.client
        tasks = [
            task
            for task in (
                client.message_processor,
                client.current_session_monitor,
                client.message_receiver,
            )
            if task is not None
        ]
        await self.close_async()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        with self.gate.request():
            start = time()
            try:
                body = check_envelope(req.type, req.payload)
            except Malformed as exc:
                log.info("Slack: acked and dropped a malformed %s envelope: %s", req.type, exc)
                await client.send_socket_mode_response(SocketModeResponse(req.envelope_id))
                return
            response = await self._dispatch(body, req)
            if response.status != 200:
                log.info("Slack: no listener took a %s envelope (%s)", req.type, response.status)
                response = BoltResponse(status=200, body="")
            await send_async_response(client, req, response, start)

    async def _dispatch(self, body: dict[str, Any], req: SocketModeRequest) -> BoltResponse:
        try:
            request = AsyncBoltRequest(mode="socket_mode", body=body, headers=build_headers(req))
        except Exception as exc:  # Bolt could not read it: still the sender's mistake
            log.info("Slack: Bolt could not read a %s envelope: %r", req.type, exc)
            return BoltResponse(status=400, body="")
        return await self.app.async_dispatch(request)
