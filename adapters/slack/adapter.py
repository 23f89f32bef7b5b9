"""The Slack adapter: the core's `Adapter` for Slack, over signed HTTP or Socket Mode."""

from __future__ import annotations

import logging

import aiohttp
from aiohttp import web

from bot.adapter import Capabilities
from bot.core import Core
from bot.model import ConversationRef, Platform, Reply
from bot.settings import Settings

from .app import bolt_app
from .dedupe import EventDedupe
from .forms import FormShelf
from .handlers import SlackHandlers
from .send import Outbound, web_client
from .transport import ROUTE, events_route
from .users import UserDirectory

log = logging.getLogger(__name__)


class SlackAdapter:
    """Slash commands, events and interactivity in; ephemeral and public posts, threads, modals
    and card updates out. `send` is for proactive posts (nudges)."""

    platform = Platform.SLACK
    capabilities = Capabilities(
        ephemeral=True, direct_messages=True, threads=True, modals=True, update_cards=True
    )

    def __init__(self, core: Core, settings: Settings) -> None:
        self.core = core
        self.settings = settings
        # One connection pool for every Web API call and response_url post.
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self.client = web_client(settings.SLACK_BOT_TOKEN, settings.SLACK_API_URL, self.session)
        forms = FormShelf(core.store, core.clock)
        self.outbound = Outbound(self.client, core.pack, forms, self.session)
        self.handlers = SlackHandlers(
            core,
            self.outbound,
            UserDirectory(self.client),
            EventDedupe(core.store, core.clock),
            forms,
        )
        self.app = bolt_app(self.client, self.handlers)
        self._socket: object | None = None

    @property
    def socket_mode(self) -> bool:
        return bool(self.settings.SLACK_APP_TOKEN)

    def add_routes(self, app: web.Application) -> None:
        """Serve `/slack/events` (HTTP mode only: Socket Mode needs no public address)."""
        if not self.socket_mode:
            app.router.add_post(
                ROUTE,
                events_route(self.app, self.settings.SLACK_SIGNING_SECRET, self.handlers.ack_first),
            )

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        return await self.outbound.send(ref, reply)

    async def start(self) -> None:
        """In Socket Mode, open the connection to Slack (in the background)."""
        if not self.socket_mode:
            return
        from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(
            self.app, self.settings.SLACK_APP_TOKEN, web_client=self.client
        )
        self._socket = handler
        await handler.connect_async()
        log.info("Slack: connected in Socket Mode")

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[attr-defined]
            self._socket = None
        await self.handlers.idle()
        await self.session.close()

    async def idle(self) -> None:
        """Wait for every acknowledged request's work to finish."""
        await self.handlers.idle()
