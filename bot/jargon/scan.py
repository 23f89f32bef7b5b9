"""`scan`: find jargon and unexplained acronyms in one message, in memory, fast."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .acronyms import candidates, definitions
from .lexicon import Lexicon, compiled, fold
from .mask import masked_spans, overlaps

if TYPE_CHECKING:
    from ..prompts.wordlists import JargonLists

Kind = Literal["jargon", "acronym"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged word: `text[start:end]` is the word as typed; `term` is the list's term
    (for jargon) or the acronym itself. `suggestions` are plainer words, or for an existence
    rule its one sentence of `advice`; `level` is "warning" or, for a gentle note such as
    "e.g.", "suggestion"."""

    term: str
    kind: Kind
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    why: str = ""
    level: str = "warning"
    advice: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "term": self.term,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "suggestions": list(self.suggestions),
        }
        if self.level != "warning":
            out["level"] = self.level
        return out


def scan(text: str, lists: Lexicon | JargonLists, explained: Collection[str] = ()) -> list[Finding]:
    """Jargon and unexplained acronyms in `text`, in order. `explained` are short forms that
    count as explained here, in any case: the team's glossary entries and acronyms defined
    earlier in the conversation. Never raises on text."""
    lexicon = lists if isinstance(lists, Lexicon) else compiled(lists)
    hits = list(lexicon.hits(fold(text), text))
    allow = lexicon.allow
    acronyms = [c for c in candidates(text) if c[0].upper() not in allow]
    if not hits and not acronyms:
        return []
    masks = masked_spans(text, initials=bool(acronyms))
    findings = [
        Finding(r.term, "jargon", s, e, r.suggestions, r.why, r.level, r.advice)
        for s, e, r in hits
        if not overlaps(masks, s, e)
    ]
    if acronyms and explained:
        known = {g.upper() for g in explained}
        acronyms = [a for a in acronyms if a[0].upper() not in known]
    if acronyms:
        defined = definitions(text)
        taken = [(f.start, f.end) for f in findings]
        expansions = lexicon.expansions
        for short, start, end in acronyms:
            key = short.upper()
            if key in defined or overlaps(masks, start, end) or overlaps(taken, start, end):
                continue
            meaning = expansions.get(key)
            findings.append(Finding(short, "acronym", start, end, (meaning,) if meaning else ()))
        findings.sort(key=lambda f: f.start)
    return findings
