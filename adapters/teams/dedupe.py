"""Handle each Teams activity once: the Bot Framework redelivers an activity it thinks failed
(same `id` in the same conversation), so its id is remembered for at least an hour.

The record is written with the store's atomic `add` before the activity is handled, so two
deliveries racing (on one replica or on several sharing PostgreSQL) have one winner. If
handling fails, the record is dropped again, so a redelivery is not lost. Records carry the
hour they were made and are forgotten a whole hour at a time, in one write (`delete_where`)."""

from __future__ import annotations

import hashlib
import logging

from bot.clock import Clock
from bot.store import Store

from .activity import ActivityIds

log = logging.getLogger(__name__)
TABLE = "teams_activities"
KEEP_HOURS = 2  # an hour at least, whatever the hour boundaries
LOOK_BACK_HOURS = 24  # hours before that examined at the first purge of a process


def activity_key(activity: ActivityIds) -> str | None:
    """A short key for this delivery (conversation and activity id), or None without an id."""
    conversation = activity.conversation.id if activity.conversation else ""
    if not activity.id or not conversation:
        return None
    raw = f"{activity.channel_id}\n{conversation}\n{activity.id}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


class ActivityDedupe:
    """`first_time(activity)` is True once per activity id, across replicas."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._purged_below: int | None = None

    def _hour(self) -> int:
        return int(self.clock.now().timestamp() // 3600)

    async def first_time(self, activity: ActivityIds) -> bool:
        key = activity_key(activity)
        if key is None:
            return True
        hour = self._hour()
        first = await self.store.add(TABLE, key, {"hour": hour})
        if not first:
            log.info("Teams delivered activity %s again; handled once", activity.id)
        await self._purge(hour)
        return first

    async def forget(self, activity: ActivityIds) -> None:
        """Handling failed: let a redelivery be handled."""
        key = activity_key(activity)
        if key is not None:
            await self.store.delete(TABLE, key)

    async def _purge(self, hour: int) -> None:
        below = hour - KEEP_HOURS + 1
        start = self._purged_below if self._purged_below is not None else below - LOOK_BACK_HOURS
        if start >= below:
            return
        self._purged_below = below
        for old in range(start, below):
            await self.store.delete_where(TABLE, hour=old)
