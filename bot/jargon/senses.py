"""Context rules: the words around a term decide whether it is jargon here.

`literal` rules say when a word is in its everyday sense (a door key), `only_when` rules when
it is jargon at all ("drive" before "change"). Both are data from prompts/jargon/, compiled
once."""

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


class Around:
    """The words of the clause around one match, read only as far as a rule asks: before it,
    after it, and after it up to the next comma (conditional rules look no further)."""

    __slots__ = ("_after", "_before", "_near", "end", "low", "start")

    def __init__(self, low: str, start: int, end: int) -> None:
        self.low, self.start, self.end = low, start, end
        self._before: list[str] | None = None
        self._after: list[str] | None = None
        self._near: list[str] | None = None

    @classmethod
    def of(cls, low: str, start: int, end: int) -> Around:
        return cls(low, start, end)

    @property
    def before(self) -> list[str]:
        if self._before is None:
            head = self.low[max(0, self.start - WINDOW) : self.start]
            cut = max(head.rfind(c) for c in ".!?;:\n()")
            self._before = _WORD.findall(head[cut + 1 :] if cut >= 0 else head)
        return self._before

    def _read_after(self) -> None:
        tail = self.low[self.end : self.end + WINDOW]
        if tail[:2] in ("'s", "’s"):
            tail = tail[2:]
        stripped = tail.lstrip()
        if not stripped or stripped[0] in _CLAUSE_END:
            self._after, self._near = [], []
            return
        stop = _BREAK.search(tail)
        if stop is not None:
            tail = tail[: stop.start()]
        self._after = _WORD.findall(tail)
        comma = tail.find(",")
        self._near = self._after if comma < 0 else _WORD.findall(tail[:comma])

    @property
    def after(self) -> list[str]:
        if self._after is None:
            self._read_after()
        return self._after  # type: ignore[return-value]

    @property
    def near(self) -> list[str]:
        if self._near is None:
            self._read_after()
        return self._near  # type: ignore[return-value]

    def matches(self, patterns: tuple[Pattern, ...], *, near: bool = False) -> bool:
        """True when one of `patterns` fits; `near` reads `after` words only up to a comma."""
        for p in patterns:
            if p.before is not None and not p.before.before(self.before):
                continue
            if p.after is not None and not p.after.after(self.near if near else self.after, p.gap):
                continue
            return True
        return False
