"""Outbound pacing per (platform, channel): sliding-window budgets that keep proactive posts
under each platform's rate limits (the adapters still honour any 429 they get)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# (posts, seconds) windows: Slack allows about 1 post a second per channel; Teams allows 7 per
# second and 60 per 30 seconds per conversation or thread. The local chat has no limit.
BUDGETS: dict[str, tuple[tuple[int, float], ...]] = {
    "slack": ((1, 1.0),),
    "teams": ((7, 1.0), (60, 30.0)),
    "local": (),
}


class Pacer:
    """`await pacer.wait(platform, channel)` before each post; it returns once the post fits
    every window of the platform's budget. Time and sleep are injectable for tests."""

    def __init__(
        self,
        budgets: dict[str, tuple[tuple[int, float], ...]] | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.budgets = budgets if budgets is not None else BUDGETS
        self.monotonic = monotonic
        self.sleep = sleep
        self._sent: dict[tuple[str, str], deque[float]] = {}
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    def delay(self, platform: str, channel: str) -> float:
        """Seconds to wait before the next post to this channel would fit the budget."""
        windows = self.budgets.get(platform, ())
        sent = self._sent.get((platform, channel))
        if not windows or not sent:
            return 0.0
        now = self.monotonic()
        wait = 0.0
        for limit, seconds in windows:
            recent = [t for t in sent if t > now - seconds]
            if len(recent) >= limit:
                wait = max(wait, recent[-limit] + seconds - now)
        return wait

    async def wait(self, platform: str, channel: str) -> None:
        key = (platform, channel)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            while (pause := self.delay(platform, channel)) > 0:
                await self.sleep(pause)
            windows = self.budgets.get(platform, ())
            if not windows:
                return
            longest = max(seconds for _, seconds in windows)
            sent = self._sent.setdefault(key, deque())
            now = self.monotonic()
            sent.append(now)
            while sent and sent[0] <= now - longest:
                sent.popleft()
            if not sent:
                del self._sent[key]
