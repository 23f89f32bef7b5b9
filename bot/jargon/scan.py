"""`scan`: find jargon and unexplained acronyms in one message, in memory, fast."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .acronyms import candidates, definitions
from .lexicon import Lexicon, compiled
from .mask import Masks, overlaps

if TYPE_CHECKING:
    from ..prompts.wordlists import JargonLists

Kind = Literal["jargon", "acronym"]


@dataclass(slots=True)
class Finding:
    """One flagged word: `text[start:end]` is the word as typed; `term` is the list's term
    (for jargon) or the acronym itself. `suggestions` are plainer words, or for an existence
    rule its one sentence of `advice`; `level` is "warning" or, for a gentle note such as
    "e.g.", "suggestion". Treat it as read-only: it is not frozen only because a frozen
    dataclass takes five times as long to make, and scanning makes one per finding."""

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


def scan(
    text: str,
    lists: Lexicon | JargonLists,
    explained: Collection[str] = (),
    mentions: Collection[str] = (),
) -> list[Finding]:
    """Jargon and unexplained acronyms in `text`, in order. `explained` are short forms that
    count as explained here, in any case: the team's glossary entries and acronyms defined
    earlier in the conversation. `mentions` are the texts standing for people the message
    names (never flagged). Never raises on text."""
    lexicon = lists if isinstance(lists, Lexicon) else compiled(lists)
    hits = lexicon.hits(text)
    allow = lexicon.allow
    acronyms = [c for c in candidates(text) if c[0].upper() not in allow]
    if not hits and not acronyms:
        return []
    masks = Masks(text, mentions)
    findings = [
        Finding(r.term, "jargon", s, e, r.suggestions, r.why, r.level, r.advice)
        for s, e, r in hits
        if not masks.hides(s, e)
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
            if key in defined or overlaps(taken, start, end) or masks.hides_acronym(start, end):
                continue
            meaning = expansions.get(key)
            findings.append(Finding(short, "acronym", start, end, (meaning,) if meaning else ()))
        findings.sort(key=lambda f: f.start)
    return findings
