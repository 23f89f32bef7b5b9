"""Refuse a replayed Slack request: remember each signature seen while it could still be valid.

A signed request stays valid for five minutes (the timestamp check), so anyone who captures
one could send it again within that window and run the command or the click twice. Slack never
sends the same command or interaction twice (Events API retries are deduped on `event_id`), so
a signature seen before is a replay. The record is kept in the store, whose atomic `add` makes
this hold across replicas sharing one database, and is forgotten by bucket: every record of
the five-minute buckets that can no longer be valid goes in one write, never one write per
signature."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.store import Store

log = logging.getLogger(__name__)
TABLE = "slack_signatures"
WINDOW_SECONDS = 300  # Slack's signature window (slack_sdk's SignatureVerifier)
SKEW_SECONDS = 60  # kept this much longer, for clocks that disagree a little
PURGE_EVERY_SECONDS = 60
FIELD = "coprod_request"  # where the transport puts (signature, timestamp) in a checked body


def _bucket(timestamp: float) -> int:
    return int(timestamp // WINDOW_SECONDS)


class ReplayGuard:
    """`first_time(signature, timestamp)`: True once per signature, False for a replay."""

    def __init__(self, store: Store, now: Callable[[], float] = time.time) -> None:
        """`now` is the clock the signature check uses (the machine's, as slack_sdk's)."""
        self.store = store
        self.now = now
        self._next_purge = 0.0

    async def first_time(self, signature: str, timestamp: float) -> bool:
        first = await self.store.add(TABLE, signature, {"bucket": _bucket(timestamp)})
        now = self.now()
        if now >= self._next_purge:
            self._next_purge = now + PURGE_EVERY_SECONDS
            await self.purge(now)
        return first

    async def purge(self, now: float) -> int:
        """Forget every bucket whose signatures can no longer be valid, in one write that reads
        nothing on the event loop, whatever the number of signatures. Returns how many went."""
        # A signature of bucket b has a timestamp before (b + 1) * WINDOW, so it is stale
        # from (b + 2) * WINDOW on. (Reading every signature to learn its bucket cost 35-42 ms
        # of the event loop once a minute at a thousand commands a second.)
        stale_below = _bucket(now - SKEW_SECONDS) - 1
        gone = await self.store.delete_upto(TABLE, "bucket", stale_below - 1)
        if gone:
            log.debug("Forgot %d old Slack request signatures", gone)
        return gone
