"""Retry connector calls when repeating them is safe, with backoff and jitter.

A POST (a new message, a new chat) is repeated only when Teams surely did nothing: a 429
(throttled, with its `Retry-After`) or a connection that never opened. A 502 or 504 can come
after the connector delivered the message, so a POST that gets one is not repeated: Teams
posts at most once, and the caller logs the post as not delivered. A PUT (replace a card) sets
a state, so it is also repeated on 412, 502 and 504. See docs/nudges.md."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import ClientConnectorError

log = logging.getLogger(__name__)
T = TypeVar("T")
# Statuses after which the call surely had no effect, and those after which it may have had.
NOT_DONE = frozenset({429})
MAYBE_DONE = frozenset({412, 502, 504})
RETRYABLE = NOT_DONE | MAYBE_DONE


@dataclass
class RetryPolicy:
    """`attempts` calls at most; waits grow from `base` seconds, never beyond `cap`.
    A Retry-After header wins over the computed wait (still capped)."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 20.0
    sleep: Callable[[float], Awaitable[Any]] = field(default=asyncio.sleep)
    jitter: Callable[[], float] = field(default=random.random)

    def wait(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt number `attempt + 1`."""
        if retry_after is not None:
            return min(self.cap, max(0.0, retry_after) + self.base * 0.1 * self.jitter())
        backoff = min(self.cap, self.base * 2 ** (attempt - 1))
        return backoff * (0.5 + 0.5 * self.jitter())


def status_of(exc: BaseException) -> int | None:
    """The HTTP status behind a connector error (`ConnectorError.response.status_code`)."""
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    return status if isinstance(status, int) else None


def retry_after(exc: BaseException) -> float | None:
    """Retry-After in seconds, from either form (seconds or an HTTP date)."""
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    value = headers.get("Retry-After") if hasattr(headers, "get") else None
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def surely_not_done(exc: BaseException) -> bool:
    """True when the call that raised `exc` cannot have had any effect."""
    if isinstance(exc, ClientConnectorError):
        return True  # the connection never opened: nothing was sent
    status = status_of(exc)
    return status in NOT_DONE or (status is not None and 400 <= status < 500)


def repeatable(exc: BaseException, *, idempotent: bool) -> bool:
    """May the call that raised `exc` be made again without doing its work twice?"""
    if isinstance(exc, ClientConnectorError):
        return True
    status = status_of(exc)
    return status in NOT_DONE or (idempotent and status in MAYBE_DONE)


async def retrying(
    call: Callable[[], Awaitable[T]], policy: RetryPolicy, what: str, *, idempotent: bool = False
) -> T:
    """Run `call`, repeating it while that is safe (`repeatable`): a call that is not
    `idempotent` (a POST) is never repeated once the connector may have acted on it."""
    attempt = 1
    while True:
        try:
            return await call()
        except Exception as exc:
            if not repeatable(exc, idempotent=idempotent) or attempt >= policy.attempts:
                raise
            wait = policy.wait(attempt, retry_after(exc))
            log.warning(
                "Teams answered %s to %s; retrying in %.2fs (attempt %d of %d)",
                status_of(exc) or type(exc).__name__,
                what,
                wait,
                attempt + 1,
                policy.attempts,
            )
            await policy.sleep(wait)
            attempt += 1
