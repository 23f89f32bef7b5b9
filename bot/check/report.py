"""`report`: each principle's average across this channel's closed rounds that have results."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ConversationRef
from ..store import Store
from .answers import PRINCIPLES
from .closing import published
from .rounds import channel_rounds

MAX_ROUNDS = 12  # the latest rounds shown: a line stays short enough for a phone


@dataclass(frozen=True)
class Trend:
    """One principle's averages, oldest round first (None: everyone chose don't know)."""

    number: int
    values: tuple[float | None, ...]


async def channel_trends(store: Store, ref: ConversationRef) -> tuple[list[Trend], int]:
    """Trends for the 8 principles, and how many rounds they cover."""
    rounds = await channel_rounds(store, ref.scope, ref.channel)
    shown = (await published(store, rounds))[-MAX_ROUNDS:]
    trends = [
        Trend(n, tuple(results.by_number(n).average for _rnd, results in shown)) for n in PRINCIPLES
    ]
    return trends, len(shown)
