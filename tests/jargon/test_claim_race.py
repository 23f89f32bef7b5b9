"""Two messages from one person handled at once cannot win one word each (two tips): the
person's turn is claimed with the store's atomic `add` before any word is (issue 19)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.jargon.holdback import CLAIM_SECONDS, CLAIMING, HoldBack
from bot.store import Store, TinyStore

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
WORDS = ["going forward", "leverage", "ICB"]


class Interleaving:
    """A real store whose every call lets the other tasks run first, as a slow disk or a
    PostgreSQL round trip does: the two claims then take turns call by call."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(0)
            result = await attr(*args, **kwargs)
            await asyncio.sleep(0)
            return result

        return call


@pytest.fixture
async def store(tmp_path: Path) -> Any:
    opened = await TinyStore(tmp_path / "db.json").open()
    yield opened
    await opened.close()


async def test_two_claims_at_once_give_the_words_to_one_message(store: Store) -> None:
    hold = HoldBack(Interleaving(store))  # type: ignore[arg-type]
    # The same words in another order ("leverage it going forward"): without the turn, each
    # message wins the word it tries first.
    first, second = await asyncio.gather(
        hold.claim("s", "code", WORDS, NOW), hold.claim("s", "code", WORDS[1::-1], NOW)
    )
    assert [bool(first), bool(second)].count(True) == 1, (first, second)
    assert sorted(first + second) in (sorted(WORDS), sorted(WORDS[:2]))
    assert await store.count(CLAIMING) == 0  # the turn is given back


async def test_a_turn_left_by_a_crash_is_taken_over_when_stale(store: Store) -> None:
    hold = HoldBack(store)
    stale = {"scope": "s", "who": "code", "expires": int(NOW.timestamp()) - 1}
    await store.put(CLAIMING, "code", stale)
    assert await hold.claim("s", "code", WORDS, NOW) == WORDS
    fresh = {**stale, "expires": int(NOW.timestamp()) + CLAIM_SECONDS}
    await store.put(CLAIMING, "other", fresh)  # another message is claiming right now
    assert await hold.claim("s", "other", WORDS, NOW) == []
