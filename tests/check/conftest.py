"""Helpers for the check tests: answering by form or by text through the local API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.clock import FakeClock
from bot.settings import Settings, load_settings
from runtime.server import build, close, serving
from tests.conftest import Chat, free_port
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

ROUND1 = "local:local:general#1"
ROUND2 = "local:local:general#2"
FIVE = ("ann", "bob", "cat", "dan", "eve")  # the default minimum group size


@pytest.fixture(params=["tinydb", "postgresql"])
async def any_chat(
    request: pytest.FixtureRequest, settings: Settings, clock: FakeClock
) -> AsyncIterator[Chat]:
    """The chat helper on a bot using TinyDB, or PostgreSQL (a fresh schema)."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        settings = load_settings(COPROD_DB=url, COPROD_ADMINS=settings.COPROD_ADMINS)
    runtime = await build(settings, clock=clock)
    port = free_port()
    async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
        yield Chat(f"http://127.0.0.1:{port}", session, runtime)
    await close(runtime)


def form(scores: str, role: str = "", round_key: str = ROUND1) -> dict[str, str]:
    """The values a filled-in check form sends: p1…p8, role and the round."""
    values = {f"p{n}": s for n, s in enumerate(scores.split(), start=1)}
    return {"round": round_key, **values, **({"role": role} if role else {})}


async def submit(
    chat: Chat, user: str, scores: str, role: str = "", round_key: str = ROUND1, **kw: Any
) -> list[dict[str, Any]]:
    return await chat.click("check.submit", form(scores, role, round_key), user=user, **kw)


def cards_with(replies: list[dict[str, Any]], card_id: str) -> list[dict[str, Any]]:
    return [r["card"] for r in replies if r["card"] and r["card"]["id"] == card_id]


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(str(b.get("text", "")) for b in card["blocks"])


async def submit_all(
    chat: Chat, people: tuple[str, ...] | list[str], scores: str, role: str = "", **kw: Any
) -> None:
    """Each of `people` answers `scores` by form; every answer must be accepted."""
    for person in people:
        replies = await submit(chat, person, scores, role, **kw)
        assert "Thank you" in replies[0]["text"], replies
