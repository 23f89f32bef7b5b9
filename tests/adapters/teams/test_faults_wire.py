"""Faults at the Teams wire (issue 13, defects 2 and 4).

Teams gives no way to ask whether a message was posted, so a post is at most once: a POST is
repeated only when the connector surely did nothing (a 429 with `Retry-After`, a refused
connection), never after a 502, 504 or a cut connection, and that post is logged as not
delivered. An activity the Bot Framework delivers again (same id) is handled once, on TinyDB
and on PostgreSQL, also when the deliveries reach two replicas."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.teams.retry import RetryPolicy
from bot.clock import FakeClock
from bot.model import Reply
from bot.settings import Settings, load_settings
from tests.faults import DROP, ERROR, RATE_LIMIT
from tests.store.conftest import postgres_server, postgres_url

from .conftest import Teams, running
from .fake_connector import FakeConnector

__all__ = ["postgres_server", "postgres_url"]  # the PostgreSQL fixtures, used here too
CHANNEL = "19:general0@thread.tacv2"


@pytest.mark.parametrize("kind,status", [(ERROR, 502), (ERROR, 504), (DROP, 0)])
async def test_a_post_teams_may_have_shown_is_not_repeated_and_is_logged(
    teams: Teams, kind: str, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    teams.connector.faults.inject("post", kind, status=status or 502)
    with caplog.at_level(logging.ERROR):
        assert (await teams.send("channel_mention"))[0] == 201
    assert len(teams.connector.shown()) == 1  # people see it once
    assert len([c for c in teams.connector.calls if c.method == "POST"]) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("Not delivered" in m and CHANNEL in m for m in errors), errors


async def test_a_429_and_a_refused_connection_are_retried_and_post_once(teams: Teams) -> None:
    teams.connector.faults.inject("post", RATE_LIMIT, retry_after=0)
    assert (await teams.send("channel_mention"))[0] == 201
    assert len(teams.connector.shown()) == 1
    assert teams.connector.listener is not None
    ref = await teams.runtime.core.conversation(f"teams:tenant-one:{CHANNEL}")
    assert ref is not None
    teams.adapter.outbound.policy = RetryPolicy(base=0.2, cap=1.0)
    await teams.connector.listener.refuse(0.1)
    assert await teams.adapter.send(ref, Reply(text="Reminder"))
    assert len(teams.connector.shown()) == 2


async def test_a_card_update_is_repeated_after_a_502(teams: Teams) -> None:
    """Replacing a card sets its content: safe to repeat."""
    teams.connector.faults.inject("put", ERROR, status=502)
    ok = await teams.adapter.outbound.update(teams.connector.url, CHANNEL, "m1", {"text": "x"})
    assert ok and len([c for c in teams.connector.calls if c.method == "PUT"]) == 2


def replies(connector: FakeConnector) -> list[str]:
    return [c.body.get("text") or "card" for c in connector.shown()]


async def test_an_activity_delivered_twenty_times_is_handled_once(teams: Teams) -> None:
    activity = teams.activity("channel_mention")
    answers = [await teams.post(activity) for _ in range(10)]
    answers += await asyncio.gather(*(teams.post(activity) for _ in range(10)))
    assert {status for status, _ in answers} == {201}
    assert len(teams.connector.shown()) == 1
    other = teams.activity("channel_mention", id="1741083330999")  # a new message: handled
    assert (await teams.post(other))[0] == 201
    assert len(teams.connector.shown()) == 2


async def test_a_repeated_card_action_is_answered_but_done_once(teams: Teams) -> None:
    activity = teams.activity("execute_action")
    first = await teams.post(activity)
    again = await teams.post(activity)
    assert first[0] == again[0] == 200
    assert again[1]["statusCode"] == 200  # Teams shows something, not an error


@pytest.fixture
async def two_replicas(
    postgres_url: str, clock: FakeClock, connector: FakeConnector, tmp_path: Path
) -> AsyncIterator[tuple[Teams, Teams]]:
    settings: Settings = load_settings(COPROD_DB=postgres_url)
    a = running(settings, clock, connector)
    b = running(settings, clock, connector)
    first, second = await anext(a), await anext(b)
    yield first, second
    for gen in (a, b):
        with pytest.raises(StopAsyncIteration):
            await anext(gen)


async def test_two_replicas_on_postgresql_handle_a_redelivery_once(
    two_replicas: tuple[Teams, Teams],
) -> None:
    a, b = two_replicas
    activity = a.activity("channel_mention")
    answers = await asyncio.gather(*(t.post(activity) for t in (a, b, a, b)))
    assert {status for status, _ in answers} == {201}
    assert len(a.connector.shown()) == 1
