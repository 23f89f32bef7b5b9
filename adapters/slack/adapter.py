"""The Slack adapter: the core's `Adapter` for Slack, over signed HTTP or Socket Mode."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web

from bot.adapter import Adapter, Capabilities, Origin
from bot.core import Core
from bot.model import ConversationRef, Reply
from bot.settings import Settings

from .app import bolt_app
from .dedupe import EventDedupe
from .delivery import DeliveryCheck
from .forms import FormShelf
from .handlers import SlackHandlers
from .pictures import ChartUploads
from .platform import NAME as PLATFORM_NAME
from .send import Outbound, web_client
from .settings import SlackSettings
from .transport import ROUTE, events_route
from .users import UserDirectory

if TYPE_CHECKING:
    from .socket import SocketTransport

log = logging.getLogger(__name__)


class SlackAdapter(Adapter):
    """Slash commands, events and interactivity in; ephemeral and public posts, threads, modals
    and card updates out. `send` is for proactive posts (nudges); `delivered` confirms whether
    a nudge was posted, so a crash between posting and recording it is finished exactly once."""

    platform = PLATFORM_NAME
    # About 1 post a second per channel (chat.postMessage's special rate limit); the history
    # of a channel tells whether a nudge was posted (`delivery.DeliveryCheck`).
    capabilities = Capabilities(
        ephemeral=True,
        direct_messages=True,
        threads=True,
        modals=True,
        update_cards=True,
        update_posts=True,
        post_budget=((1, 1.0),),
        confirms_delivery=True,
    )

    def __init__(self, core: Core, settings: Settings) -> None:
        self.core = core
        self.settings = settings.platform(SlackSettings)
        # One connection pool for every Web API call and response_url post.
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self.client = web_client(
            self.settings.SLACK_BOT_TOKEN, self.settings.SLACK_API_URL, self.session
        )
        forms = FormShelf(core.store, core.clock)
        pictures = ChartUploads(self.client)
        self.outbound = Outbound(self.client, core.pack, forms, self.session, pictures)
        self.handlers = SlackHandlers(
            core,
            self.outbound,
            UserDirectory(self.client),
            EventDedupe(core.store, core.clock),
            forms,
        )
        self.app = bolt_app(self.client, self.handlers)
        self.delivery = DeliveryCheck(self.client)
        self._socket: SocketTransport | None = None

    @property
    def socket_mode(self) -> bool:
        return bool(self.settings.SLACK_APP_TOKEN)

    def add_routes(self, app: web.Application) -> None:
        """Serve `/slack/events` (HTTP mode only: Socket Mode needs no public address)."""
        if not self.socket_mode:
            app.router.add_post(
                ROUTE,
                events_route(
                    self.app,
                    self.settings.SLACK_SIGNING_SECRET,
                    self.handlers.ack_first,
                    fast=self.handlers.take_command,
                ),
            )

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        return await self.outbound.send(ref, reply)

    async def reply(self, origin: Origin, replies: Sequence[Reply]) -> None:
        """Answer an interaction: an ephemeral reply, a modal, the clicked card replaced
        through the response URL or `chat.update` (see `send.Outbound`)."""
        await self.outbound.reply(origin, replies)

    async def update(self, ref: ConversationRef, message_id: str, reply: Reply) -> bool:
        """Replace a card the bot posted (chat.update)."""
        return await self.outbound.update(ref, message_id, reply)

    async def delivered(
        self, ref: ConversationRef, key: str, *, since: datetime | None = None
    ) -> bool | None:
        """Is the post keyed `key` (a nudge's id) already in the channel? Read from
        `conversations.history`; None when Slack cannot be asked."""
        return await self.delivery.delivered(ref, key, since=since)

    async def start(self) -> None:
        """In Socket Mode, open the connection to Slack (the WebSocket then runs in the
        background); a token Slack refuses stops start-up with the setting named."""
        if not self.socket_mode:
            return
        from .socket import SocketTransport  # loads the Socket Mode client only when used

        socket = SocketTransport(
            self.app, self.settings.SLACK_APP_TOKEN, self.client, self.handlers.ack_first
        )
        self._socket = socket
        await socket.start()
        log.info("Slack: connected in Socket Mode")

    async def stop(self) -> None:
        """Close the WebSocket first (no new envelopes), then finish the work already acked."""
        if self._socket is not None:
            socket, self._socket = self._socket, None
            await socket.close()
        await self.handlers.idle()
        await self.session.close()

    async def idle(self) -> None:
        """Wait for every acknowledged request's work to finish."""
        await self.handlers.idle()
