"""`scan`: find jargon and unexplained acronyms in one message, in memory, fast."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from ..prompts.wordlists import JargonLists
from .acronyms import candidates, definitions
from .lexicon import Lexicon, compiled, fold
from .mask import masked_spans, overlaps

Kind = Literal["jargon", "acronym"]


@dataclass(frozen=True)
class Finding:
    """One flagged word: `text[start:end]` is the word as typed; `term` is the list's term
    (for jargon) or the acronym itself."""

    term: str
    kind: Kind
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    why: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "term": self.term,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "suggestions": list(self.suggestions),
        }


def scan(
    text: str, lists: Lexicon | JargonLists, glossary_terms: Collection[str] = ()
) -> list[Finding]:
    """Jargon and unexplained acronyms in `text`, in order. `glossary_terms` are the team's
    glossary entries (any case): an acronym there counts as explained. Never raises on text."""
    lexicon = lists if isinstance(lists, Lexicon) else compiled(lists)
    hits = lexicon.hits(fold(text))
    allow = lexicon.allow
    acronyms = [c for c in candidates(text) if c[0].upper() not in allow]
    if not hits and not acronyms:
        return []
    masks = masked_spans(text, initials=bool(acronyms))
    findings = []
    for start, end, index in hits:
        if overlaps(masks, start, end):
            continue
        entry = lexicon.terms[index]
        findings.append(Finding(entry.term, "jargon", start, end, tuple(entry.plain), entry.why))
    if acronyms:
        known = {g.upper() for g in glossary_terms}
        acronyms = [a for a in acronyms if a[0].upper() not in known]
    if acronyms:
        defined = definitions(text)
        taken = [(f.start, f.end) for f in findings]
        expansions = lexicon.lists.expansions
        for short, start, end in acronyms:
            key = short.upper()
            if key in defined or overlaps(masks, start, end) or overlaps(taken, start, end):
                continue
            meaning = expansions.get(key)
            findings.append(
                Finding(short, "acronym", start, end, (meaning,) if meaning else (), "")
            )
        findings.sort(key=lambda f: f.start)
    return findings
