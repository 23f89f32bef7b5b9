"""Outbound pacing per (platform, channel): sliding-window budgets that keep proactive posts
under each platform's rate limits (the adapters still honour any 429 they get)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from ..adapter import Budget

if TYPE_CHECKING:
    from ..core import Core


class PostBudgets(Mapping[str, Budget]):
    """Each running adapter's declared `capabilities.post_budget`, by platform (read live, so
    an adapter registered later counts too)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def __getitem__(self, platform: str) -> Budget:
        return self.core.adapters[platform].capabilities.post_budget  # type: ignore[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self.core.adapters)

    def __len__(self) -> int:
        return len(self.core.adapters)


class Pacer:
    """`await pacer.wait(platform, channel)` before each post; it returns once the post fits
    every window of the platform's budget. `budgets` maps a platform to its windows; None
    leaves it to the owner (the scheduler gives the adapters' `PostBudgets`). Time and sleep
    are injectable for tests."""

    def __init__(
        self,
        budgets: Mapping[str, Budget] | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.budgets = budgets
        self.monotonic = monotonic
        self.sleep = sleep
        self._sent: dict[tuple[str, str], deque[float]] = {}
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    def windows(self, platform: str) -> Budget:
        """The platform's (posts, seconds) windows; () when it has no limit or is unknown."""
        return self.budgets.get(platform, ()) if self.budgets is not None else ()

    def delay(self, platform: str, channel: str) -> float:
        """Seconds to wait before the next post to this channel would fit the budget."""
        windows = self.windows(platform)
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
            windows = self.windows(platform)
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
