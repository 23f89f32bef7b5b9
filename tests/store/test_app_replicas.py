"""Two real `python app.py` replicas on one PostgreSQL database behave as one bot: the same
signed Slack event delivered to both is handled once (the dedupe key is shared in the store),
and one person's check answer clicked on both at once is counted once."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.store import open_store
from tests.adapters.slack.conftest import SECRET, FakeSlack, fake_slack, fixture, sign
from tests.check.conftest import form
from tests.conftest import free_port

__all__ = ["fake_slack"]  # the fake Slack Web API fixture, used here too

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def apps(postgres_url: str, fake_slack: FakeSlack) -> AsyncIterator[list[str]]:
    """The base URLs of two Slack app processes sharing `postgres_url` and the fake Slack API."""
    slack = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }
    async for bases in _replicas(postgres_url, slack):
        yield bases


@pytest.fixture
async def local_apps(postgres_url: str) -> AsyncIterator[list[str]]:
    """The base URLs of two local-chat app processes sharing `postgres_url` (the local chat
    never runs beside a platform: start-up refuses that)."""
    async for bases in _replicas(postgres_url, {"COPROD_LOCAL": "1"}):
        yield bases


async def _replicas(postgres_url: str, extra: dict[str, str]) -> AsyncIterator[list[str]]:
    ports = [free_port(), free_port()]
    env = {**os.environ, "COPROD_DB": postgres_url, **extra}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "app.py",
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), 60)
            assert b"coprod is running" in line, (await proc.communicate())[1].decode()
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.terminate()
        await asyncio.gather(*(asyncio.wait_for(p.wait(), 30) for p in procs))


def posts(fake: FakeSlack) -> list[str]:
    """The bot's posts (public or private) that reached the fake Slack API."""
    return [m for m in fake.api_calls if m.startswith("chat.post")]


async def _settle(count: Any, seconds: float = 1.5) -> None:
    """Wait until `count()` has not changed for `seconds` (posts happen after the ack)."""
    last, since = count(), time.monotonic()
    while time.monotonic() - since < seconds:
        await asyncio.sleep(0.1)
        if count() != last:
            last, since = count(), time.monotonic()


async def test_the_same_slack_event_sent_to_two_replicas_is_handled_once(
    apps: list[str], fake_slack: FakeSlack
) -> None:
    body = json.dumps(fixture("app_mention"))  # a mention: the bot replies with help
    headers = {"Content-Type": "application/json", **sign(body)}
    async with aiohttp.ClientSession() as session:

        async def deliver(base: str) -> int:
            async with session.post(f"{base}/slack/events", data=body, headers=headers) as resp:
                return resp.status

        assert await asyncio.gather(*(deliver(base) for base in apps)) == [200, 200]
        await _settle(lambda: len(posts(fake_slack)))
        twice = len(posts(fake_slack))

        # The same kind of event with another event_id, to one replica: what one delivery posts.
        other = json.loads(body)
        other["event_id"] = "Ev-another-one"
        other_body = json.dumps(other)
        other_headers = {"Content-Type": "application/json", **sign(other_body)}
        async with session.post(
            f"{apps[1]}/slack/events", data=other_body, headers=other_headers
        ) as resp:
            assert resp.status == 200
        await _settle(lambda: len(posts(fake_slack)))
        once = len(posts(fake_slack)) - twice
        assert once >= 1
        assert twice == once, fake_slack.api_calls  # delivered to two replicas, handled once


async def test_one_persons_check_answer_clicked_on_two_replicas_counts_once(
    local_apps: list[str], postgres_url: str
) -> None:
    apps = local_apps
    async with aiohttp.ClientSession() as session:

        async def post(base: str, path: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
            async with session.post(f"{base}/local/{path}", json=payload) as resp:
                assert resp.status == 200
                return list((await resp.json())["replies"])

        opened = await post(
            apps[0], "messages", {"user": "alex", "channel": "general", "text": "/coprod check"}
        )
        assert opened
        click = {
            "user": "sam",
            "channel": "general",
            "action_id": "check.submit",
            "value": form("3 3 2 4 1 2 3 3"),
            "direct": False,
        }
        both = await asyncio.gather(*(post(base, "actions", click) for base in apps))
        thanked = [replies for replies in both if "Thank you" in replies[0]["text"]]
        assert len(thanked) == 1, both
    store = await open_store(postgres_url)
    try:
        assert await store.count("check_answers") == 1
    finally:
        await store.close()
