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
class Rule:
    """A literal rule as tuples of words; `None` means "no condition on this side"."""

    before: frozenset[tuple[str, ...]] | None
    after: frozenset[tuple[str, ...]] | None


def compile_rules(rules: list[LiteralRule]) -> tuple[Rule, ...]:
    def words(items: list[str]) -> frozenset[tuple[str, ...]] | None:
        if not items:
            return None
        return frozenset(tuple(_WORD.findall(i)) if i not in "$^" else (i,) for i in items)

    return tuple(Rule(words(r.before), words(r.after)) for r in rules)


def _matches(options: frozenset[tuple[str, ...]], words: list[str], *, before: bool) -> bool:
    for option in options:
        if option in (("$",), ("^",)):
            if not words:
                return True
            continue
        n = len(option)
        if n <= len(words) and tuple(words[-n:] if before else words[:n]) == option:
            return True
    return False


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
        if rule.before is not None and not _matches(rule.before, before, before=True):
            continue
        if rule.after is not None and not _matches(rule.after, after, before=False):
            continue
        return True
    return False
