"""The word lists compiled once into an Aho–Corasick automaton for fast matching."""

from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from ..prompts.wordlists import JargonLists, Term
from .inflect import forms_of, spellings
from .literal import Rule, compile_rules, is_literal

# Same-length normalisation for matching: curly apostrophes and every kind of space.
_FOLD = str.maketrans({"’": "'", "\n": " ", "\t": " ", "\r": " ", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_FOLD)


def _is_word(c: str) -> bool:
    return c.isalnum() or c in "-_"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled lists: one automaton over every form of every term, plus the acronym lists."""

    lists: JargonLists
    automaton: ahocorasick.Automaton
    terms: tuple[Term, ...]
    rules: tuple[tuple[Rule, ...], ...]
    forms: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, lists: JargonLists) -> Lexicon:
        automaton = ahocorasick.Automaton()
        forms: dict[str, frozenset[str]] = {}
        for index, entry in enumerate(lists.terms):
            all_forms = {s for f in forms_of(entry) for s in spellings(f)}
            forms[entry.term] = frozenset(all_forms)
            for form in all_forms:
                automaton.add_word(form, (index, len(form)))
        if len(automaton):
            automaton.make_automaton()
        return cls(
            lists=lists,
            automaton=automaton,
            terms=tuple(lists.terms),
            rules=tuple(compile_rules(t.literal) for t in lists.terms),
            forms=forms,
        )

    @property
    def allow(self) -> frozenset[str]:
        return self.lists.allow

    def hits(self, low: str) -> list[tuple[int, int, int]]:
        """(start, end, term index) of whole-word, non-literal matches in folded text, longest
        first where they overlap."""
        if not self.terms:
            return []
        raw = []
        n = len(low)
        for last, (index, length) in self.automaton.iter(low):
            start, end = last - length + 1, last + 1
            if (start and _is_word(low[start - 1])) or (end < n and _is_word(low[end])):
                continue
            raw.append((start, end, index))
        if not raw:
            return []
        raw.sort(key=lambda h: (h[0], h[0] - h[1]))
        out = []
        reach = -1
        for start, end, index in raw:
            if start < reach:
                continue
            rules = self.rules[index]
            if rules and is_literal(low, start, end, rules):
                continue
            out.append((start, end, index))
            reach = end
        return out


_CACHE: dict[int, Lexicon] = {}


def compiled(lists: JargonLists) -> Lexicon:
    """The lexicon for `lists`, built once per lists object."""
    lexicon = _CACHE.get(id(lists))
    if lexicon is None or lexicon.lists is not lists:
        lexicon = Lexicon.build(lists)
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[id(lists)] = lexicon
    return lexicon
