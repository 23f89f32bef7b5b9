"""Races between commands in one channel: each gets a sensible answer, never an apology."""

from __future__ import annotations

import asyncio

from .conftest import Bot


async def test_reflect_twice_in_the_same_second_gives_two_reflections(bot: Bot) -> None:
    """Two (or five) `reflect` in one channel at the same instant: each gets its own
    reflection card, none the "something went wrong" apology (a check-then-act race)."""
    answers = await asyncio.gather(*(bot.say("reflect", user=f"p{i}") for i in range(5)))
    replies = [reply for answer in answers for reply in answer]
    assert len(replies) == 5
    ids = [reply.key for reply in replies]
    assert all(ids), [r.text for r in replies]
    assert len(set(ids)) == 5
