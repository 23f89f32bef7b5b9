"""`report`: each principle's average across this channel's closed rounds that have results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ConversationRef
from ..store import Store
from .answers import PRINCIPLES
from .closing import published
from .results import Results
from .rounds import Round, channel_rounds

MAX_ROUNDS = 12  # the latest rounds shown: a line stays short enough for a phone


@dataclass(frozen=True)
class Trend:
    """One principle's averages, oldest round first (None: everyone chose don't know)."""

    number: int
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChannelTrends:
    """A channel's latest rounds with results (oldest first) and each principle's trend."""

    shown: tuple[tuple[Round, Results], ...]
    trends: tuple[Trend, ...]

    @property
    def count(self) -> int:
        return len(self.shown)

    @property
    def seqs(self) -> list[int]:
        """Each shown round's number in its channel, oldest first."""
        return [rnd.seq for rnd, _results in self.shown]


def trends_of(shown: Sequence[tuple[Round, Results]]) -> ChannelTrends:
    """The trends of the latest `MAX_ROUNDS` of `shown` (rounds with results, oldest first)."""
    kept = tuple(shown[-MAX_ROUNDS:])
    trends = tuple(
        Trend(n, tuple(results.by_number(n).average for _rnd, results in kept)) for n in PRINCIPLES
    )
    return ChannelTrends(kept, trends)


async def channel_report(store: Store, scope: str, channel: str) -> ChannelTrends:
    """A channel's latest rounds with results and the trends across them."""
    return trends_of(await published(store, await channel_rounds(store, scope, channel)))


async def channel_trends(store: Store, ref: ConversationRef) -> tuple[list[Trend], int]:
    """Trends for the 8 principles, and how many rounds they cover."""
    found = await channel_report(store, ref.scope, ref.channel)
    return list(found.trends), found.count
