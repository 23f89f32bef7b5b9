"""Results of a round: averages, spread, change since last time, the partners–staff gap and
which principle to suggest a next step for. Pure functions over anonymous answers.

A round's results are worked out once, when it closes, and kept on the round as counts
(`Results.doc`): how many chose each answer for each principle, for everyone and, when both
groups reach the minimum, for partners and for staff. Averages come from those counts, exactly
as from the raw scores; cards show them to one decimal place, the export to two."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .answers import DONT_KNOW, LEVELS, PRINCIPLES, Answer
from .rounds import Round

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
        """The exact average of the scores (Don't know left out), not rounded."""
        if not self.scored:
            return None
        return sum(level * n for level, n in zip(LEVELS, self.counts, strict=True)) / self.scored

    def doc(self) -> list[int]:
        return [*self.counts, self.dont_know]

    @classmethod
    def from_doc(cls, values: list[int]) -> Tally:
        a, b, c, d, dont_know = (int(v) for v in values)
        return cls((a, b, c, d), dont_know)


def tally(answers: list[Answer], number: int) -> Tally:
    scores = [a.score(number) for a in answers]
    return Tally(
        counts=(scores.count(1), scores.count(2), scores.count(3), scores.count(4)),
        dont_know=scores.count(DONT_KNOW),
    )


def rounded(value: float | None) -> float | None:
    """One decimal place, as cards and the report show averages."""
    return None if value is None else round(value, 1)


def _average(found: Tally | None) -> float | None:
    return rounded(found.average) if found is not None else None


@dataclass(frozen=True)
class PrincipleResult:
    number: int
    tally: Tally
    partner_tally: Tally | None = None  # only when partners and staff both reach the minimum
    staff_tally: Tally | None = None
    previous: float | None = None  # the previous round's average, to one decimal

    @property
    def average(self) -> float | None:
        return rounded(self.tally.average)

    @property
    def partners(self) -> float | None:
        return _average(self.partner_tally)

    @property
    def staff(self) -> float | None:
        return _average(self.staff_tally)

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
    """A round's published results. `minimum` is the minimum group size in force when it
    closed; `roles_given` says whether anyone answered as a partner or as staff."""

    responses: int
    principles: tuple[PrincipleResult, ...]
    minimum: int
    groups_shown: bool = False
    roles_given: bool = False

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

    def after(self, previous: Results | None) -> Results:
        """These results compared with an earlier round's."""
        if previous is None:
            return self
        return replace(
            self,
            principles=tuple(
                replace(p, previous=previous.by_number(p.number).average) for p in self.principles
            ),
        )

    def doc(self) -> dict[str, Any]:
        """What is kept on a closed round: counts only, never an answer."""
        groups = self.groups_shown
        return {
            "responses": self.responses,
            "minimum": self.minimum,
            "roles": self.roles_given,
            "all": [p.tally.doc() for p in self.principles],
            "partner": [p.partner_tally.doc() for p in self.principles if p.partner_tally]
            if groups
            else None,
            "staff": [p.staff_tally.doc() for p in self.principles if p.staff_tally]
            if groups
            else None,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Results:
        partner, staff = doc.get("partner"), doc.get("staff")
        groups = bool(partner) and bool(staff)
        principles = tuple(
            PrincipleResult(
                number=n,
                tally=Tally.from_doc(doc["all"][n - 1]),
                partner_tally=Tally.from_doc(partner[n - 1]) if groups and partner else None,
                staff_tally=Tally.from_doc(staff[n - 1]) if groups and staff else None,
            )
            for n in PRINCIPLES
        )
        return cls(
            responses=int(doc["responses"]),
            principles=principles,
            minimum=int(doc["minimum"]),
            groups_shown=groups,
            roles_given=bool(doc.get("roles")),
        )


def summarise(answers: list[Answer], *, minimum: int) -> Results:
    """The results of a round's answers. The partners–staff comparison is worked out only when
    at least `minimum` partners and `minimum` staff answered."""
    partners = [a for a in answers if a.role == "partner"]
    staff = [a for a in answers if a.role == "staff"]
    groups = len(partners) >= minimum and len(staff) >= minimum
    rows = tuple(
        PrincipleResult(
            number=n,
            tally=tally(answers, n),
            partner_tally=tally(partners, n) if groups else None,
            staff_tally=tally(staff, n) if groups else None,
        )
        for n in PRINCIPLES
    )
    return Results(len(answers), rows, minimum, groups, bool(partners or staff))


@dataclass(frozen=True)
class RoundResults:
    """A round with how many answered and its published results (None when it has none, as
    while it is open or when it closed with too few answers): what cards and charts take."""

    round: Round
    responses: int
    results: Results | None
