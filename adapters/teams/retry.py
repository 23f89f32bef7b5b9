"""Retry connector calls Teams asks us to repeat (429, 412, 502, 504) with backoff and jitter."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRYABLE = frozenset({429, 412, 502, 504})


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


async def retrying(call: Callable[[], Awaitable[T]], policy: RetryPolicy, what: str) -> T:
    """Run `call`, repeating it while the connector answers with a retryable status."""
    attempt = 1
    while True:
        try:
            return await call()
        except Exception as exc:
            status = status_of(exc)
            if status not in RETRYABLE or attempt >= policy.attempts:
                raise
            wait = policy.wait(attempt, retry_after(exc))
            log.warning(
                "Teams answered %s to %s; retrying in %.2fs (attempt %d of %d)",
                status,
                what,
                wait,
                attempt + 1,
                policy.attempts,
            )
            await policy.sleep(wait)
            attempt += 1
