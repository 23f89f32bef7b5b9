"""Bot Framework authentication that fails fast: screen tokens, fetch signing keys without blocking.

botbuilder 4.17 fetches the OpenID signing keys with blocking `requests.get` (no timeout) on the
event loop. We put an asyncio fetcher with a timeout in its key cache instead, and reject
tokens that cannot be valid (not a Bearer JWT, unsigned, no key id) before any fetch. Any
failure to authenticate, including an unreachable key endpoint, is a 401."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
from botframework.connector.auth import AuthenticationConstants, GovernmentConstants
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor
from jwt.algorithms import RSAAlgorithm

log = logging.getLogger(__name__)

ALLOWED_ALGORITHMS = frozenset(AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS)
METADATA_URLS = (
    AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL,
    AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
    GovernmentConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL,
    GovernmentConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
)


class Unauthorized(Exception):
    """The request is not from the Bot Framework (or we cannot tell): answer 401."""


def screen(auth_header: str) -> None:
    """Reject a header that cannot carry a valid Bot Framework token, without any network."""
    scheme, _, token = auth_header.partition(" ")
    if scheme != "Bearer" or not token or token.count(".") != 2:
        raise Unauthorized("expected 'Authorization: Bearer <JWT>'")
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"malformed token: {exc}") from None
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise Unauthorized(f"token algorithm {header.get('alg')!r} is not allowed")
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise Unauthorized("token has no key id")
    if not isinstance(claims, dict) or not isinstance(claims.get("iss"), str):
        raise Unauthorized("token has no issuer")


@dataclass(frozen=True)
class SigningKey:
    """What botbuilder's token extractor reads from its metadata cache."""

    public_key: Any
    endorsements: list[str]


class OpenIdKeys:
    """The signing keys of one OpenID metadata document, fetched with asyncio and a timeout.
    After a failed fetch it refuses for `pause` seconds rather than fetching again."""

    def __init__(self, url: str, *, timeout: float = 5.0, pause: float = 30.0) -> None:
        self.url = url
        self.timeout = timeout
        self.pause = pause
        self.keys: list[dict[str, Any]] = []
        self.fetched_at = 0.0
        self.failed_at = float("-inf")
        self._lock = asyncio.Lock()

    async def get(self, key_id: str) -> SigningKey | None:
        if time.monotonic() - self.fetched_at > 24 * 3600 or not self.keys:
            await self._refresh()
        key = self._find(key_id)
        if key is None and time.monotonic() - self.fetched_at > 3600:
            await self._refresh()
            key = self._find(key_id)
        if key is None:
            raise Unauthorized(f"no signing key {key_id!r}")
        return key

    async def _refresh(self) -> None:
        async with self._lock:
            if time.monotonic() - self.failed_at < self.pause:
                raise Unauthorized("signing keys unavailable (recent fetch failed)")
            try:
                timeout = aiohttp.ClientTimeout(total=self.timeout)
                async with aiohttp.ClientSession(timeout=timeout) as session:
                    async with session.get(self.url) as resp:
                        resp.raise_for_status()
                        jwks_uri = (await resp.json(content_type=None))["jwks_uri"]
                    async with session.get(jwks_uri) as resp:
                        resp.raise_for_status()
                        keys = (await resp.json(content_type=None))["keys"]
            except (aiohttp.ClientError, TimeoutError, KeyError, TypeError, ValueError) as exc:
                self.failed_at = time.monotonic()
                log.error("Cannot fetch Bot Framework signing keys from %s: %r", self.url, exc)
                raise Unauthorized("signing keys unavailable") from None
            self.keys = [k for k in keys if isinstance(k, dict)]
            self.fetched_at = time.monotonic()

    def _find(self, key_id: str) -> SigningKey | None:
        for key in self.keys:
            if key.get("kid") == key_id:
                public_key = RSAAlgorithm.from_jwk(json.dumps(key))
                return SigningKey(public_key, list(key.get("endorsements") or []))
        return None


def install_key_fetchers(overrides: dict[str, str] | None = None, **options: float) -> None:
    """Replace botbuilder's blocking metadata fetchers. `overrides` maps a metadata URL to
    the address actually fetched (tests serve keys on 127.0.0.1)."""
    overrides = overrides or {}
    for url in METADATA_URLS:
        JwtTokenExtractor.metadataCache[url] = OpenIdKeys(overrides.get(url, url), **options)
