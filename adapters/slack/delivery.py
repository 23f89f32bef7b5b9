"""Delivery confirmation for nudges: after a crash between posting and marking a nudge sent, look
in the channel's recent history for our own post carrying the nudge's id."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.model import ConversationRef

from .errors import reason
from .metadata import carries

log = logging.getLogger(__name__)

# How far before the claim to look (clock differences between us and Slack).
MARGIN = timedelta(minutes=5)
# Pages of history (200 messages each) read before giving up as "cannot tell".
PAGES = 3
PAGE_SIZE = 200


class DeliveryCheck:
    """`delivered(ref, nudge_id, since=)` for the Slack adapter (`bot.nudges.delivery`)."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._bot_id: str | None = None

    async def bot_id(self) -> str:
        """Our bot's id (`B…`), as Slack stamps it on the messages we post."""
        if self._bot_id is None:
            resp = await self.client.auth_test()
            self._bot_id = str(resp.get("bot_id") or "")
        return self._bot_id

    async def delivered(
        self, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
    ) -> bool | None:
        """True if our post of `nudge_id` is in the channel's history since `since` (less
        `MARGIN`), False if the history up to now has none, None if Slack could not be asked
        (logged) or the history is longer than `PAGES` pages."""
        if ref.thread:
            return None  # nudges go to channels; a thread's replies are another API
        try:
            bot_id = await self.bot_id()
            if not bot_id:
                log.warning("Slack: no bot id from auth.test; cannot confirm nudge %s", nudge_id)
                return None
            options: dict[str, Any] = {"channel": ref.channel, "limit": PAGE_SIZE}
            if since is not None:
                options["oldest"] = f"{(since - MARGIN).timestamp():.6f}"
            cursor = None
            for _ in range(PAGES):
                resp = await self.client.conversations_history(cursor=cursor, **options)
                for message in resp.get("messages") or []:
                    if message.get("bot_id") == bot_id and carries(message, nudge_id):
                        return True
                cursor = (resp.get("response_metadata") or {}).get("next_cursor")
                if not resp.get("has_more") or not cursor:
                    return False
        except Exception as exc:
            log.warning(
                "Slack: could not read channel %s to confirm nudge %s: %s",
                ref.channel,
                nudge_id,
                reason(exc),
            )
            return None
        log.warning(
            "Slack: more than %d messages in channel %s since nudge %s was claimed; cannot confirm",
            PAGES * PAGE_SIZE,
            ref.channel,
            nudge_id,
        )
        return None
