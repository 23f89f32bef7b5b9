"""Wire the Teams adapter into the shared web app: `wire(app, core, settings)`, one call (the
package's `mount` calls it, so botbuilder loads only to serve)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)

from bot.core import Core
from bot.settings import Settings

from ..links import links_of
from . import sdk_fixes
from .adapter import TeamsAdapter
from .auth import install_key_fetchers
from .bot import CoprodBot
from .clients import ReusingAuthentication
from .connector import Connector
from .route import messages_handler
from .send import Outbound
from .service_urls import ServiceUrls
from .settings import TeamsSettings
from .tokens import ConnectorTokens

log = logging.getLogger(__name__)
ROUTE = "/api/messages"


@dataclass(frozen=True)
class BotConfig:
    """The configuration object botbuilder reads (APP_ID, APP_PASSWORD, APP_TYPE, APP_TENANTID)."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str

    @classmethod
    def from_settings(cls, settings: TeamsSettings) -> BotConfig:
        return cls(
            APP_ID=settings.MICROSOFT_APP_ID,
            APP_PASSWORD=settings.MICROSOFT_APP_PASSWORD,
            APP_TYPE=settings.MICROSOFT_APP_TYPE,
            APP_TENANTID=settings.MICROSOFT_APP_TENANT_ID,
        )


def wire(app: web.Application, core: Core, settings: Settings) -> TeamsAdapter:
    """Serve `/api/messages` and return the Teams adapter (the runtime registers it)."""
    teams = settings.platform(TeamsSettings)
    config = BotConfig.from_settings(teams)
    sdk_fixes.apply()
    install_key_fetchers()
    authentication = ReusingAuthentication(ConfigurationBotFrameworkAuthentication(config))
    cloud = CloudAdapter(authentication)
    auth_required = bool(config.APP_ID)
    service_urls = (
        ServiceUrls.from_setting(teams.MICROSOFT_SERVICE_URLS)
        if auth_required
        else ServiceUrls.anything()
    )
    connector = Connector(ConnectorTokens(authentication, config.APP_ID), allowed=service_urls)
    outbound = Outbound(
        connector,
        store=core.store,
        pack=core.pack,
        files=links_of(app, core.pack, core.clock),
        public_url=settings.COPROD_PUBLIC_URL,
        channel_locales=core.languages.channel_locales,
    )
    bot = CoprodBot(core, outbound)

    async def on_error(turn_context: object, error: Exception) -> None:
        log.error("A Teams turn failed: %r", error, exc_info=error)
        raise error

    cloud.on_turn_error = on_error
    if not auth_required:
        log.warning(
            "Teams: MICROSOFT_APP_ID is empty, so %s accepts requests without authentication. "
            "This is for local use only; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD "
            "before connecting Teams.",
            ROUTE,
        )
    tenant = teams.MICROSOFT_APP_TENANT_ID or None
    app.router.add_post(
        ROUTE,
        messages_handler(
            cloud,
            bot.on_turn,
            auth_required=auth_required,
            tenant=tenant,
            service_urls=service_urls,
        ),
    )
    return TeamsAdapter(outbound)
