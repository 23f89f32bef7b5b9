"""The retry wrapper: which statuses, how long, and when it gives up."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from adapters.teams.retry import RetryPolicy, retry_after, retrying


class Answer(Exception):
    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.response = SimpleNamespace(status_code=status, headers=headers or {})


def policy(waits: list[float], **kw: float) -> RetryPolicy:
    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    return RetryPolicy(sleep=sleep, jitter=lambda: 0.5, **kw)  # type: ignore[arg-type]


async def test_retry_after_is_honoured_and_capped() -> None:
    waits: list[float] = []
    answers = [Answer(429, {"Retry-After": "3"}), Answer(429, {"Retry-After": "999"})]

    async def call() -> str:
        if answers:
            raise answers.pop(0)
        return "ok"

    assert await retrying(call, policy(waits, base=0.1, cap=10), "test") == "ok"
    assert waits[0] == pytest.approx(3.005) and waits[1] == pytest.approx(10)


async def test_backoff_grows_with_jitter_then_gives_up() -> None:
    waits: list[float] = []

    async def call() -> None:
        raise Answer(502)

    with pytest.raises(Answer):
        await retrying(call, policy(waits, base=1, cap=100, attempts=4), "test", idempotent=True)
    assert waits == [0.75, 1.5, 3.0]


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_a_post_that_may_have_been_done_is_not_repeated(status: int) -> None:
    """A 502 or 504 can follow a delivered message: a POST is at most once."""
    waits: list[float] = []
    calls = 0

    async def call() -> None:
        nonlocal calls
        calls += 1
        raise Answer(status)

    with pytest.raises(Answer):
        await retrying(call, policy(waits), "test")
    assert calls == 1 and waits == []


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
async def test_other_statuses_are_not_retried(status: int) -> None:
    waits: list[float] = []

    async def call() -> None:
        raise Answer(status)

    with pytest.raises(Answer):
        await retrying(call, policy(waits), "test")
    assert waits == []


def test_retry_after_as_a_date() -> None:
    assert retry_after(Answer(429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert retry_after(Answer(429, {"Retry-After": "soon"})) is None
