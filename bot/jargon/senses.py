"""Context rules: the words around a term decide whether it is jargon here. `literal` rules say
when a word is in its everyday sense (a door key), `only_when` rules when it is jargon at all
("drive" before "change"). Both are data from prompts/jargon/, compiled once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_BREAK = re.compile(r"[.!?;:\n()]")
_CLAUSE_END = ",;:.!?)"
WINDOW = 60


@dataclass(frozen=True, slots=True)
class Side:
    """The words allowed on one side of a term: phrases as tuples, their lengths, and whether
    the start or end of the clause counts."""

    phrases: frozenset[tuple[str, ...]]
    lengths: tuple[int, ...]
    edge: bool

    @classmethod
    def of(cls, items: Iterable[str]) -> Side | None:
        items = list(items)
        if not items:
            return None
        phrases = frozenset(tuple(_WORD.findall(i)) for i in items if i not in ("$", "^"))
        lengths = tuple(sorted({len(p) for p in phrases}))
        return cls(phrases, lengths, any(i in ("$", "^") for i in items))

    def before(self, words: list[str]) -> bool:
        if not words:
            return self.edge
        for n in self.lengths:
            if n <= len(words) and tuple(words[-n:]) in self.phrases:
                return True
        return False

    def after(self, words: list[str], gap: int) -> bool:
        if not words:
            return self.edge
        for skip in range(min(gap, len(words) - 1) + 1):
            for n in self.lengths:
                if skip + n <= len(words) and tuple(words[skip : skip + n]) in self.phrases:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Pattern:
    """One context rule; `None` on a side means "no condition on this side"."""

    before: Side | None
    after: Side | None
    gap: int = 0


def compile_patterns(rules: Iterable[Mapping[str, Any]]) -> tuple[Pattern, ...]:
    """Patterns from rule data: `{"before": [...], "after": [...], "gap": 0}`."""
    return tuple(
        Pattern(Side.of(r.get("before", ())), Side.of(r.get("after", ())), int(r.get("gap", 0)))
        for r in rules
    )


@dataclass(frozen=True, slots=True)
class Around:
    """The words of the clause around one match: before it, after it, and after it up to the
    next comma (conditional rules look no further than that)."""

    before: list[str]
    after: list[str]
    near: list[str]

    @classmethod
    def of(cls, low: str, start: int, end: int) -> Around:
        head = low[max(0, start - WINDOW) : start]
        cut = max(head.rfind(c) for c in ".!?;:\n()")
        if cut >= 0:
            head = head[cut + 1 :]
        tail = low[end : end + WINDOW]
        if tail[:2] in ("'s", "’s"):
            tail = tail[2:]
        stripped = tail.lstrip()
        if not stripped or stripped[0] in _CLAUSE_END:
            return cls(_WORD.findall(head), [], [])
        stop = _BREAK.search(tail)
        if stop is not None:
            tail = tail[: stop.start()]
        after = _WORD.findall(tail)
        comma = tail.find(",")
        near = after if comma < 0 else _WORD.findall(tail[:comma])
        return cls(_WORD.findall(head), after, near)

    def matches(self, patterns: tuple[Pattern, ...], *, near: bool = False) -> bool:
        """True when one of `patterns` fits; `near` reads `after` words only up to a comma."""
        after = self.near if near else self.after
        for p in patterns:
            if p.before is not None and not p.before.before(self.before):
                continue
            if p.after is not None and not p.after.after(after, p.gap):
                continue
            return True
        return False
