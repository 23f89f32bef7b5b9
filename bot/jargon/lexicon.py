"""The word lists compiled once into an Aho–Corasick automaton for fast matching.

`Lexicon.from_data` builds from plain data (lists, dicts and strings), so a command-line run can
load a cached copy without the YAML and validation stack; `compiled(lists)` builds from the
validated lists of a prompt pack. Nothing here knows any particular word."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import ahocorasick

from .inflect import forms_of, spellings
from .senses import Around, Pattern, compile_patterns

if TYPE_CHECKING:
    from ..prompts.wordlists import JargonLists

# Same-length normalisation for reading context: curly apostrophes and every kind of space.
_FOLD = str.maketrans({"’": "'", "\n": " ", "\t": " ", "\r": " ", "\u00a0": " "})
# Same-length normalisation for matching: everything that is not part of a word (letters,
# digits, "-" and "_") becomes a space, so the automaton's keys (" " + form) can only match
# where a word starts. Forms are spaced the same way, so "e.g." and "chair's" still match.
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
_SPACED = str.maketrans(
    {c: " " for c in map(chr, range(128)) if c not in _WORD_CHARS}
    | {c: " " for c in "’‘“”«»–—…•·£€\u00a0\u2009\u202f"}
)
_OTHER = re.compile(r"[^\x00-\x7f]")
# The same for ASCII text in one pass over its bytes, lower-casing as it goes (ten times faster).
_SPACED_BYTES = bytes(
    ord(chr(b).lower()) if chr(b).lower() in _WORD_CHARS else 0x20 if b < 128 else b
    for b in range(256)
)


def lowered(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def fold(text: str) -> str:
    """Lower-cased `text` with one kind of apostrophe and space, offsets unchanged."""
    return lowered(text).translate(_FOLD)


def _letter_or_space(m: re.Match[str]) -> str:
    return m.group() if m.group().isalnum() else " "


def spaced(low: str) -> str:
    """Lower-cased text with every character that is not part of a word made a space."""
    out = low.translate(_SPACED)
    return out if out.isascii() else _OTHER.sub(_letter_or_space, out)


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """One compiled rule of any kind: `plain` words to suggest (substitution and conditional
    rules) or one sentence of `advice` (existence rules)."""

    term: str
    kind: str
    level: str
    plain: tuple[str, ...]
    advice: str
    why: str
    forms: tuple[str, ...]  # the forms listed in the data (not every ending)
    literal: tuple[Pattern, ...]
    only_when: tuple[Pattern, ...]
    skip_capitals: bool

    @property
    def suggestions(self) -> tuple[str, ...]:
        return self.plain or ((self.advice,) if self.advice else ())


def lexicon_data(lists: JargonLists) -> dict[str, Any]:
    """The validated lists as plain data: what `Lexicon.from_data` needs, and what a cache of
    compiled lists stores."""
    language = lists.language.model_dump() if lists.language is not None else {}
    rules = []
    for r in lists.rules():
        entry = r.model_dump(exclude_defaults=True)
        entry["kind"] = r.kind
        entry["spellings"] = sorted({s for f in forms_of(entry, language) for s in spellings(f)})
        rules.append(entry)
    return {
        "language": language.get("code", ""),
        "rules": rules,
        "allow": sorted(lists.allow),
        "expansions": dict(lists.expansions),
    }


def _rule(entry: Mapping[str, Any]) -> Rule:
    advice = entry.get("advice", "")
    return Rule(
        term=entry["term"],
        kind=entry["kind"],
        level=entry.get("level", "warning"),
        plain=tuple(entry.get("plain", ())),
        advice=advice,
        why=entry["why"],
        forms=tuple(entry.get("forms", ())),
        literal=compile_patterns(entry.get("literal", ())),
        only_when=compile_patterns(entry.get("only_when", ())),
        skip_capitals=entry.get("in_capitals") == "skip",
    )


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled lists: one automaton over every form of every rule, plus the acronym lists."""

    rules: tuple[Rule, ...]
    automaton: ahocorasick.Automaton
    allow: frozenset[str]
    expansions: dict[str, str]
    forms: dict[str, frozenset[str]] = field(default_factory=dict)
    language: str = ""
    _index: dict[str, Rule] = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Lexicon:
        automaton = ahocorasick.Automaton()
        rules: list[Rule] = []
        forms: dict[str, frozenset[str]] = {}
        index: dict[str, Rule] = {}
        for i, entry in enumerate(data["rules"]):
            rule = _rule(entry)
            rules.append(rule)
            forms[rule.term] = frozenset(entry["spellings"])
            for form in entry["spellings"]:
                key = spaced(form)
                # a form with a sign in it ("e.g.", "chair's") must match it exactly
                automaton.add_word(" " + key, (i, len(form), form if key != form else None))
            for name in (rule.term, *rule.forms):
                index.setdefault(name, rule)
        if len(automaton):
            automaton.make_automaton()
        return cls(
            rules=tuple(rules),
            automaton=automaton,
            allow=frozenset(data["allow"]),
            expansions=dict(data["expansions"]),
            forms=forms,
            language=data.get("language", ""),
            _index=index,
        )

    @classmethod
    def build(cls, lists: JargonLists) -> Lexicon:
        return cls.from_data(lexicon_data(lists))

    @cached_property
    def terms(self) -> tuple[Rule, ...]:
        """The substitution rules (words that are jargon wherever they appear, apart from
        their literal senses)."""
        return tuple(r for r in self.rules if r.kind == "substitution")

    def term(self, word: str) -> Rule | None:
        """The rule whose term or one of its listed forms is `word` (any case)."""
        return self._index.get(" ".join(word.lower().split()))

    def by_form(self, word: str) -> Rule | None:
        """The rule with `word` among any of its forms (`leveraging` → leverage)."""
        found = self.term(word)
        if found is not None:
            return found
        spaced = " ".join(word.lower().replace("-", " ").split())
        for rule in self.rules:
            if any(f.replace("-", " ") == spaced for f in self.forms[rule.term]):
                return rule
        return None

    def hits(self, text: str, low: str | None = None) -> list[tuple[int, int, Rule]]:
        """(start, end, rule) of whole-word matches in `text` that their rules say are jargon
        here, longest first where they overlap. `low` is `lowered(text)` if already made."""
        if text.isascii():
            words = text.encode().translate(_SPACED_BYTES).decode()
        else:
            low = lowered(text) if low is None else low
            words = spaced(low)
        n = len(words)
        raw = []
        folded = None
        for last, (index, length, exact) in self.automaton.iter(" " + words):
            if last == n or words[last] == " ":
                if exact is not None:
                    if folded is None:
                        folded = fold(text)
                    if folded[last - length : last] != exact:
                        continue
                raw.append((last - length, -last, index))
        if not raw:
            return []
        raw.sort()
        out = []
        reach = -1
        rules = self.rules
        for start, neg_end, index in raw:
            if start < reach:
                continue
            end = -neg_end
            rule = rules[index]
            if rule.skip_capitals and text[start:end].isupper():
                continue
            if rule.literal or rule.only_when:
                if folded is None:
                    folded = fold(text)
                around = Around.of(folded, start, end)
                if rule.only_when and not around.matches(rule.only_when, near=True):
                    continue
                if rule.literal and around.matches(rule.literal):
                    continue
            out.append((start, end, rule))
            reach = end
        return out


_CACHE: dict[int, tuple[object, Lexicon]] = {}


def compiled(lists: JargonLists) -> Lexicon:
    """The lexicon for `lists`, built once per lists object."""
    found = _CACHE.get(id(lists))
    if found is not None and found[0] is lists:
        return found[1]
    lexicon = Lexicon.build(lists)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(lists)] = (lists, lexicon)
    return lexicon
