"""Faults on demand for the fake platform servers (the fake Slack Web API, the fake connector).

A fault is taken per request, from a queue (`inject`, deterministic) or by chance
(`randomly`, seeded, for the chaos tests). Kinds, as a platform shows them to the bot:

- `DROP`: the request is handled (the message is posted), then the connection is cut before
  the answer: the bot cannot know it worked.
- `ERROR`: the request is handled, then answered 5xx (a gateway that timed out after
  forwarding): again the bot cannot know.
- `RATE_LIMIT`: answered 429 with `Retry-After`, not handled.
- `SLOW`: handled at once, answered after `seconds` (a slow answer).
- `LAG`: handled after `seconds`, then answered (a slow platform: the post appears late).
- refusing connections (`Listener.refuse`): nothing listens on the port for a while, so a
  connection is refused before anything is sent.

Every fault given is recorded in `Faults.given` (where, kind) so a test can reason about it."""

from __future__ import annotations

import asyncio
import random
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from aiohttp import web

from tests.conftest import free_port

DROP, ERROR, RATE_LIMIT, SLOW, LAG = "drop", "error", "429", "slow", "lag"
AFTER_HANDLING = frozenset({DROP, ERROR})  # the platform did the work; the bot cannot tell


@dataclass(frozen=True)
class Fault:
    kind: str
    status: int = 502
    seconds: float = 0.0
    retry_after: int = 1


@dataclass
class Faults:
    """Faults to give, per place (an API method, or a route name)."""

    queued: dict[str, deque[Fault]] = field(default_factory=dict)
    chances: dict[str, tuple[float, tuple[Fault, ...]]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(13))
    given: list[tuple[str, str]] = field(default_factory=list)

    def inject(
        self,
        where: str,
        kind: str,
        *,
        times: int = 1,
        status: int = 502,
        seconds: float = 0.0,
        retry_after: int = 1,
    ) -> None:
        """The next `times` requests at `where` get this fault."""
        fault = Fault(kind, status, seconds, retry_after)
        self.queued.setdefault(where, deque()).extend([fault] * times)

    def randomly(self, where: str, rate: float, faults: Sequence[Fault], seed: int = 13) -> None:
        """From now on, each request at `where` gets one of `faults` with chance `rate`."""
        self.chances[where] = (rate, tuple(faults))
        self.rng = random.Random(seed)

    def calm(self) -> None:
        """No more faults (queued or by chance)."""
        self.queued.clear()
        self.chances.clear()

    def take(self, where: str) -> Fault | None:
        queue = self.queued.get(where)
        fault = queue.popleft() if queue else None
        if fault is None and where in self.chances:
            rate, choices = self.chances[where]
            if self.rng.random() < rate:
                fault = self.rng.choice(choices)
        if fault is not None:
            self.given.append((where, fault.kind))
        return fault

    def count(self, where: str, kind: str) -> int:
        return sum(1 for w, k in self.given if w == where and k == kind)


async def answer(
    request: web.Request,
    fault: Fault | None,
    handle: Callable[[], Awaitable[web.StreamResponse]],
    refusal: Callable[[Fault], web.StreamResponse],
) -> web.StreamResponse:
    """Answer `request` through `fault`: `handle` does the platform's work and answers;
    `refusal` is the platform's 429 (or error) body for this fault."""
    if fault is None:
        return await handle()
    if fault.kind == RATE_LIMIT:
        return refusal(fault)
    if fault.kind == LAG:
        await asyncio.sleep(fault.seconds)
        return await handle()
    response = await handle()  # the work is done: the message exists
    if fault.kind == SLOW:
        await asyncio.sleep(fault.seconds)
        return response
    if fault.kind == DROP:
        assert request.transport is not None
        request.transport.abort()  # the answer never arrives
        return response
    return refusal(fault)  # ERROR: 5xx after the work


class Listener:
    """Serves a fake on one fixed port; `refuse(seconds)` stops listening for a while (and
    drops the open connections), so new connections are refused, then listens again."""

    def __init__(self, build: Callable[[], web.Application]) -> None:
        self.build = build
        self.port = free_port()
        self._runner: web.AppRunner | None = None
        self._back: asyncio.Task[None] | None = None
        self.refusals = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        runner = web.AppRunner(self.build(), access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port, reuse_address=True).start()
        self._runner = runner

    async def stop(self) -> None:
        if self._back is not None:
            self._back.cancel()
            self._back = None
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def refuse(self, seconds: float) -> None:
        """Refuse connections for `seconds` (returns once refusing; listens again by itself)."""
        if self._runner is None:
            return
        self.refusals += 1
        runner, self._runner = self._runner, None
        await runner.cleanup()
        await asyncio.sleep(0.02)  # let clients see their kept-alive connections close

        async def back() -> None:
            await asyncio.sleep(seconds)
            await self.start()

        self._back = asyncio.create_task(back())

    async def listening(self) -> None:
        """Wait until the port listens again after a refusal."""
        if self._back is not None:
            await self._back
