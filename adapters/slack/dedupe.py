"""Handle each Events API delivery once: remember `event_id` per team for at least an hour."""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.store import Store

log = logging.getLogger(__name__)
TABLE = "slack_events"
KEEP_SECONDS = 3600
PURGE_EVERY_SECONDS = 600


class EventDedupe:
    """Slack retries a delivery it thinks failed (with `X-Slack-Retry-Num`). The retry header
    alone never drops a delivery, because the first one may have been lost: only an `event_id`
    already seen for the same team does. The store's atomic `add` makes this hold across
    replicas sharing one database."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._next_purge = 0.0

    async def first_time(self, team: str, event_id: str) -> bool:
        """True the first time this team's event is seen; False for a repeat delivery."""
        now = self.clock.now().timestamp()
        first = await self.store.add(TABLE, f"{team}:{event_id}", {"at": now})
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY_SECONDS
            await self.purge(now)
        return first

    async def purge(self, now: float) -> int:
        """Forget deliveries an hour old or more, in one write; return how many went."""
        gone = await self.store.delete_upto(TABLE, "at", now - KEEP_SECONDS)
        if gone:
            log.debug("Forgot %d old Slack event ids", gone)
        return gone
