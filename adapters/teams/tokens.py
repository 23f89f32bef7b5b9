"""Bearer tokens for the bot's calls to the Bot Connector, from botframework's own credentials.

The credentials come from the same connector factory CloudAdapter uses (so single-tenant and
government settings behave as before); MSAL caches the token itself. Fetching one may block
on the network, so it runs in a thread, and a token is reused here for a minute to keep that
thread hop off the hot path (MSAL never hands out a token with less than five minutes left).
With no app id, authentication is off and no Authorization header is sent."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from botframework.connector.auth import (
    AppCredentials,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
)

REUSE_SECONDS = 60.0


class ConnectorTokens:
    """`await tokens(service_url)` → a bearer token, or None when authentication is off."""

    def __init__(self, auth: BotFrameworkAuthentication, app_id: str) -> None:
        self.auth = auth
        self.app_id = app_id
        self._credentials: Any = None
        self._token: str | None = None
        self._until = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self, service_url: str) -> str | None:
        if not self.app_id:
            return None
        if self._token is not None and time.monotonic() < self._until:
            return self._token
        async with self._lock:
            if self._token is None or time.monotonic() >= self._until:
                credentials = await self._credentials_for(service_url)
                if not isinstance(credentials, AppCredentials) or not credentials.microsoft_app_id:
                    return None
                self._token = await asyncio.to_thread(credentials.get_access_token)
                self._until = time.monotonic() + REUSE_SECONDS
            return self._token

    async def _credentials_for(self, service_url: str) -> Any:
        if self._credentials is None:
            claims = ClaimsIdentity(
                {
                    AuthenticationConstants.AUDIENCE_CLAIM: self.app_id,
                    AuthenticationConstants.APP_ID_CLAIM: self.app_id,
                },
                True,
            )
            factory = self.auth.create_connector_factory(claims)
            client = await factory.create(service_url, None)
            self._credentials = client.config.credentials
        return self._credentials
