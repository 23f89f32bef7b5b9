"""Acks before work: background work waits while a burst of requests is still being acked."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator

QUIET_SECONDS = 0.01  # no request for this long: the burst is over
MAX_WAIT_SECONDS = 0.5  # work never waits longer than this, however busy


class AckFirst:
    """Slack wants every request acknowledged within 3 s. In a burst, the work behind the first
    acks (the core, the Web API) would compete with the acks still to send. So work starts once
    no request is in flight and none arrived for `QUIET_SECONDS`, or after `MAX_WAIT_SECONDS`
    at most, so it never starves."""

    def __init__(self) -> None:
        self.inflight = 0
        self.last_seen = 0.0

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        self.inflight += 1
        self.last_seen = time.monotonic()
        try:
            yield
        finally:
            self.inflight -= 1
            self.last_seen = time.monotonic()

    def _busy(self, now: float) -> bool:
        return self.inflight > 0 or now - self.last_seen < QUIET_SECONDS

    async def quiet(self) -> None:
        """Return once the current burst of requests has been acked."""
        start = time.monotonic()
        # A debounce on time, not a wait for one condition: an Event would not say "quiet for".
        while self._busy(now := time.monotonic()) and now - start < MAX_WAIT_SECONDS:  # noqa: ASYNC110
            await asyncio.sleep(QUIET_SECONDS / 2)
