"""Results of a round: averages, spread, change since last time, the partners–staff gap and
which principle to suggest a next step for. Pure functions over anonymous answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..store import Store
from . import answers as ans
from .answers import DONT_KNOW, LEVELS, MIN_RESULTS, PRINCIPLES, Answer
from .rounds import Round, channel_rounds

GAP_FOCUS = 1.0  # a partners–staff gap of a whole step on the scale gets the next step


@dataclass(frozen=True)
class Tally:
    """How many chose each level of one principle, and their average (None: all don't know)."""

    counts: tuple[int, int, int, int]
    dont_know: int

    @property
    def scored(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        if not self.scored:
            return None
        return sum(level * n for level, n in zip(LEVELS, self.counts, strict=True)) / self.scored


def tally(answers: list[Answer], number: int) -> Tally:
    scores = [a.score(number) for a in answers]
    return Tally(
        counts=(scores.count(1), scores.count(2), scores.count(3), scores.count(4)),
        dont_know=scores.count(DONT_KNOW),
    )


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class PrincipleResult:
    number: int
    tally: Tally
    previous: float | None = None
    partners: float | None = None
    staff: float | None = None

    @property
    def average(self) -> float | None:
        return rounded(self.tally.average)

    @property
    def change(self) -> str | None:
        """ "up", "down" or "same" against the previous round (at one decimal place)."""
        if self.average is None or self.previous is None:
            return None
        if self.average > self.previous:
            return "up"
        return "down" if self.average < self.previous else "same"

    @property
    def gap(self) -> float | None:
        if self.partners is None or self.staff is None:
            return None
        return round(abs(self.partners - self.staff), 1)


@dataclass(frozen=True)
class Results:
    responses: int
    principles: tuple[PrincipleResult, ...]
    partners: int
    staff: int

    @property
    def groups_shown(self) -> bool:
        """The partners–staff comparison shows only with 3 or more answers in each group."""
        return self.partners >= MIN_RESULTS and self.staff >= MIN_RESULTS

    def by_number(self, number: int) -> PrincipleResult:
        return self.principles[number - 1]

    @property
    def widest_gap(self) -> PrincipleResult | None:
        gaps = [p for p in self.principles if p.gap is not None]
        if not self.groups_shown or not gaps:
            return None
        return max(gaps, key=lambda p: (p.gap or 0.0, -p.number))

    @property
    def weakest(self) -> PrincipleResult | None:
        scored = [p for p in self.principles if p.average is not None]
        return min(scored, key=lambda p: (p.average or 0.0, p.number)) if scored else None

    def focus(self) -> tuple[PrincipleResult, str] | None:
        """Where to suggest a next step: the widest partners–staff gap when it is a whole step
        or more (seeing things differently matters most in co-production), else the weakest."""
        widest = self.widest_gap
        if widest is not None and (widest.gap or 0.0) >= GAP_FOCUS:
            return widest, "gap"
        weakest = self.weakest
        return (weakest, "weakest") if weakest else None

    def scores(self) -> dict[int, float]:
        return {p.number: p.average for p in self.principles if p.average is not None}


def summarise(answers: list[Answer], previous: list[Answer] | None = None) -> Results:
    """Results of a round's answers, compared with the previous round's answers if given."""
    partners = [a for a in answers if a.role == "partner"]
    staff = [a for a in answers if a.role == "staff"]
    show_groups = len(partners) >= MIN_RESULTS and len(staff) >= MIN_RESULTS
    rows = []
    for number in PRINCIPLES:
        rows.append(
            PrincipleResult(
                number=number,
                tally=tally(answers, number),
                previous=rounded(tally(previous, number).average) if previous else None,
                partners=rounded(tally(partners, number).average) if show_groups else None,
                staff=rounded(tally(staff, number).average) if show_groups else None,
            )
        )
    return Results(len(answers), tuple(rows), len(partners), len(staff))


@dataclass(frozen=True)
class RoundResults:
    """A round with its answers and, when it has enough answers, its results."""

    round: Round
    responses: int
    results: Results | None

    @property
    def more_needed(self) -> int:
        return max(0, MIN_RESULTS - self.responses)


async def visible_rounds(store: Store, rounds: list[Round]) -> list[tuple[Round, list[Answer]]]:
    """The rounds (in the order given) that have 3 or more answers, with their answers."""
    if not rounds:
        return []
    scopes = {r.scope for r in rounds}
    channels = {(r.scope, r.channel) for r in rounds}
    if len(channels) == 1:
        grouped = await ans.answers_by_round(
            store, scope=rounds[0].scope, channel=rounds[0].channel
        )
    elif len(scopes) == 1:
        grouped = await ans.answers_by_round(store, scope=rounds[0].scope)
    else:
        grouped = await ans.answers_by_round(store)
    return [
        (rnd, grouped[rnd.key]) for rnd in rounds if len(grouped.get(rnd.key, ())) >= MIN_RESULTS
    ]


async def round_results(store: Store, rnd: Round) -> RoundResults:
    """`rnd`'s results, compared with the latest earlier round that had results."""
    grouped = await ans.answers_by_round(store, scope=rnd.scope, channel=rnd.channel)
    found = grouped.get(rnd.key, [])
    if len(found) < MIN_RESULTS:
        return RoundResults(rnd, len(found), None)
    rounds = await channel_rounds(store, rnd.scope, rnd.channel)
    earlier = [
        grouped[r.key]
        for r in rounds
        if r.seq < rnd.seq and len(grouped.get(r.key, ())) >= MIN_RESULTS
    ]
    previous = earlier[-1] if earlier else None
    return RoundResults(rnd, len(found), summarise(found, previous))
