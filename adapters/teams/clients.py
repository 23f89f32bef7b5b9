"""Reuse connector clients between turns, as botbuilder's older BotFrameworkAdapter did.

CloudAdapter 4.17 builds a new ConnectorClient (and token client) for every activity: a fresh
HTTP session, connection and serializer each time. This wrapper keeps them per (app id,
service URL, audience), so a busy bot reuses connections. Authentication is unchanged."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)

MAX_CLIENTS = 64


def _app_id(claims: ClaimsIdentity | None) -> str:
    if claims is None:
        return ""
    return (
        claims.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
        or claims.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
        or ""
    )


class _Clients:
    """A small LRU of connector clients."""

    def __init__(self) -> None:
        self.items: OrderedDict[tuple[str, str, str], ConnectorClient] = OrderedDict()

    async def get(
        self, factory: ConnectorFactory, app_id: str, service_url: str, audience: str | None
    ) -> ConnectorClient:
        key = (app_id, service_url, audience or "")
        client = self.items.get(key)
        if client is None:
            client = await factory.create(service_url, audience)
            self.items[key] = client
            if len(self.items) > MAX_CLIENTS:
                self.items.popitem(last=False)
        else:
            self.items.move_to_end(key)
        return client


class _ReusingFactory(ConnectorFactory):
    def __init__(self, inner: ConnectorFactory, clients: _Clients, app_id: str) -> None:
        self.inner = inner
        self.clients = clients
        self.app_id = app_id

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        return await self.clients.get(self.inner, self.app_id, service_url, audience)


class ReusingAuthentication(BotFrameworkAuthentication):
    """Delegates everything to `inner`; only caches the clients it makes."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self.inner = inner
        self.clients = _Clients()
        self.token_clients: dict[str, UserTokenClient] = {}

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        result = await self.inner.authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = _ReusingFactory(
                result.connector_factory, self.clients, _app_id(result.claims_identity)
            )
        return result

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        return await self.inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return _ReusingFactory(
            self.inner.create_connector_factory(claims_identity),
            self.clients,
            _app_id(claims_identity),
        )

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        key = _app_id(claims_identity)
        if key not in self.token_clients:
            self.token_clients[key] = await self.inner.create_user_token_client(claims_identity)
        return self.token_clients[key]

    def create_bot_framework_client(self) -> Any:
        return self.inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self.inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self.inner.authenticate_channel_request(auth_header)
