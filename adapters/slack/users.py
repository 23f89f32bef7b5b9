"""Who a Slack user is, for admin rights and their language: `users.info`, cached for a minute."""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from slack_sdk.web.async_client import AsyncWebClient

from bot.model import User

from .errors import reason

log = logging.getLogger(__name__)
CACHE_SECONDS = 60.0


class UserDirectory:
    """Admins and owners of the workspace where they act are platform admins; restricted
    accounts are guests."""

    def __init__(self, client: AsyncWebClient, *, ttl: float = CACHE_SECONDS) -> None:
        self.client = client
        self.ttl = ttl
        self._cache: dict[str, tuple[float, bool, bool, str]] = {}

    async def with_rights(self, team: str, user: User) -> User:
        """`user` with `platform_admin`, `is_guest` and `locale` set from Slack. If Slack cannot
        say, the person gets no admin rights (and a warning is logged)."""
        key = f"{team}:{user.id}"
        cached = self._cache.get(key)
        if cached is None or time.monotonic() - cached[0] > self.ttl:
            try:
                resp = await self.client.users_info(user=user.id, include_locale=True)
            except Exception as exc:  # any failure: no admin rights, logged
                log.warning("Slack users.info for %s failed: %s", user.id, reason(exc))
                return user
            info = resp.get("user") or {}
            # Someone from another workspace (a shared channel) may be an admin there: that
            # gives no rights here.
            home = info.get("team_id") or team
            admin = home == team and any(
                bool(info.get(k)) for k in ("is_admin", "is_owner", "is_primary_owner")
            )
            guest = bool(info.get("is_restricted") or info.get("is_ultra_restricted"))
            locale = str(info.get("locale") or "")
            cached = (time.monotonic(), admin, guest, locale)
            self._cache[key] = cached
        return replace(user, platform_admin=cached[1], is_guest=cached[2], locale=cached[3])
