"""Literal-sense rules: is this word used in its everyday sense here (a door key, not "key")?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..prompts.wordlists import LiteralRule

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_BREAK = re.compile(r"[.!?;:\n()]")
_CLAUSE_END = ",;:.!?)"
WINDOW = 60


@dataclass(frozen=True)
class Side:
    """The words allowed on one side of a term: phrases as tuples, their lengths, and whether
    the start or end of the sentence counts."""

    phrases: frozenset[tuple[str, ...]]
    lengths: tuple[int, ...]
    edge: bool

    @classmethod
    def of(cls, items: list[str]) -> Side | None:
        if not items:
            return None
        phrases = frozenset(tuple(_WORD.findall(i)) for i in items if i not in ("$", "^"))
        lengths = tuple(sorted({len(p) for p in phrases}))
        return cls(phrases, lengths, any(i in ("$", "^") for i in items))

    def matches(self, words: list[str], *, before: bool) -> bool:
        if not words:
            return self.edge
        for n in self.lengths:
            if n <= len(words) and tuple(words[-n:] if before else words[:n]) in self.phrases:
                return True
        return False


@dataclass(frozen=True)
class Rule:
    """A literal rule; `None` on a side means "no condition on this side"."""

    before: Side | None
    after: Side | None


def compile_rules(rules: list[LiteralRule]) -> tuple[Rule, ...]:
    return tuple(Rule(Side.of(r.before), Side.of(r.after)) for r in rules)


def is_literal(low: str, start: int, end: int, rules: tuple[Rule, ...]) -> bool:
    """True when a rule says the word at `low[start:end]` (lower-cased text) is literal."""
    head = low[max(0, start - WINDOW) : start]
    cut = max(head.rfind(c) for c in ".!?;:\n()")
    if cut >= 0:
        head = head[cut + 1 :]
    tail = low[end : end + WINDOW]
    if tail[:2] in ("'s", "’s"):
        tail = tail[2:]
    stripped = tail.lstrip()
    at_end = not stripped or stripped[0] in _CLAUSE_END
    stop = _BREAK.search(tail)
    if stop is not None:
        tail = tail[: stop.start()]
    before = _WORD.findall(head)
    after = [] if at_end else _WORD.findall(tail)
    for rule in rules:
        if rule.before is not None and not rule.before.matches(before, before=True):
            continue
        if rule.after is not None and not rule.after.matches(after, before=False):
            continue
        return True
    return False
