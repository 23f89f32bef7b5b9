"""Fixtures for the actions tests: a fixed Monday on the fake clock and helpers to read replies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.clock import FakeClock
from tests.check.conftest import any_chat  # noqa: F401  (fixture: TinyDB and PostgreSQL)
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # Mon 7 Dec 2026, 10:00 in London


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


def words(replies: list[dict[str, Any]]) -> str:
    """Every visible word of some local replies."""
    parts = []
    for r in replies:
        parts.append(r["text"])
        card = r["card"]
        if card:
            parts.append(card["title"])
            for block in card["blocks"]:
                if block["type"] == "fields":
                    parts.extend(f"{k}: {v}" for k, v in block["items"])
                elif block["type"] == "buttons":
                    parts.extend(b["label"] for b in block["buttons"])
                else:
                    parts.append(str(block.get("text", "")))
    return "\n".join(parts)


def buttons(replies: list[dict[str, Any]], action_id: str) -> list[dict[str, Any]]:
    found = []
    for r in replies:
        for block in (r["card"] or {}).get("blocks", []):
            if block["type"] == "buttons":
                found += [b for b in block["buttons"] if b["action_id"] == action_id]
    return found
