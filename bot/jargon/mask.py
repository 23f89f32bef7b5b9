"""The "never flag" rules: spans of a message the checker must not look inside.

Each rule is a pattern for text that is not the author's prose (code, links, mentions, emoji,
postcodes, times, money, Roman numerals, people's initials in action lists, quoted words) or is
written wholly in capitals. Findings that touch one of these spans are dropped."""

from __future__ import annotations

import re
from collections.abc import Callable

Span = tuple[int, int]

_UNITS = (
    r"km|kg|mg|mcg|ml|cm|mm|m|g|l|k|bn|hrs?|hours?|mins?|secs?|kb|mb|gb|tb|ghz|mhz|kwh|kw|"
    r"mph|kph|ft|lbs?|oz|st|yrs?|am|pm|%"
)
_ROMAN_COMMON = frozenset(
    "II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
)
_ROMAN_AFTER = frozenset(
    "part phase stage tier level chapter section year wave annex appendix schedule volume "
    "step type class article grade book act war henry elizabeth george charles".split()
)
_ROMAN = re.compile(r"\b[MDCLXVI]{2,7}\b|(?<=\w )[MDCLXVI]\b")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _any(*needles: str) -> Callable[[str], bool]:
    return lambda text: any(n in text for n in needles)


def _search(pattern: str) -> Callable[[str], object]:
    return re.compile(pattern).search


# (cheap test that the text could contain the span, the pattern). Each pattern only runs when
# its test passes, which keeps ordinary messages fast.
_GUARDED = [
    (_any("`"), r"(?s:```.*?(?:```|\Z))|`[^`\n]+`"),  # code blocks and spans
    (_any("<"), r"(?is:<at\b[^>]*>.*?</at>)|<[^<>\n]{1,500}>"),  # Teams <at>, Slack tokens
    (_any("://", "www.", "WWW."), r"(?i:\b(?:https?://|ftp://|www\.)[^\s<>]+)"),  # links
    (_any("@"), r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # email addresses
    (
        _search(r"(?i:\.(?:uk|com|org|net|gov|nhs|io|info|co|ac|eu)\b)"),
        r"(?i:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|io|info|co|ac|eu)\b"
        r"(?:/[^\s<>]*)?)",
    ),
    (_any(":"), r":[a-z0-9_+'-]{1,40}:"),  # :emoji:
    (_any("#", "@"), r"(?<![\w&])[#@][\w-]+"),  # #hashtags, #channels, @names
    (
        _search(r"\d"),
        r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # UK postcodes: CH1 4BJ
        r"|\b[A-Z]{1,2}\d{1,2}[A-Z]?\b"  # postcode districts and roads: CH1, SW1A, M62
        r"|(?i:\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b)"  # 10:30am, 3 pm
        r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # 14:00
        r"|[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?i:k|m|bn)\b)?"  # £2k, $10
        rf"|(?i:\b\d+(?:[.,]\d+)*\s?(?:{_UNITS})(?!\w))"  # 5km, 20 mins, 3GB
        r"|\b\d+(?:\.\d+)?p\b",  # 45p
    ),
    # Quoted words: 'service users', "hard to reach", ‘…’, “…”.
    (_any("'"), r"(?<!\w)'(?=\S)(?:[^'\n]|'(?=\w))*?(?<=\S)'(?!\w)"),
    (_any('"', "‘", "“"), r"\"[^\"\n]{1,300}\"|‘[^’\n]{1,300}’|“[^”\n]{1,300}”"),
]
_COMPILED = [(guard, re.compile(pattern)) for guard, pattern in _GUARDED]

# People's initials leading an action: "SJ to book the room", "- SJ/MK: draft the letter",
# "Action: SJ and MK to follow up". Only the initials are masked.
_INITIALS = re.compile(
    r"(?m)(?:^|(?<=[.!?;]\s)|(?<=[.!?;]\s\s))[ \t]*(?:[-*•·>]\s*|\d+[.)]\s*)?"
    r"(?:(?i:actions?|owner|lead|who)\s*[:–-]\s*)?"
    r"(?P<who>[A-Z]{2,3}(?:\s*(?:,|/|&|and)\s*[A-Z]{2,3})*)"
    r"(?=\s+(?:to|will|and)\s|\s*[:–]\s|\s+-\s)"
)
# Initials named as the owner anywhere: "(action: SJ)", "owner - SJ".
_OWNER = re.compile(r"(?i:\b(?:actions?|owner|lead)\s*[:–-]\s*)(?P<who>[A-Z]{2,3})\b")
_SENTENCE = re.compile(r"[^.!?\n]+")
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def _roman(text: str) -> list[Span]:
    """Roman numerals: the common ones anywhere, others after words like Part or Phase."""
    spans = []
    for m in _ROMAN.finditer(text):
        if m.group() in _ROMAN_COMMON:
            spans.append(m.span())
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if before and before.group(1).lower() in _ROMAN_AFTER:
            spans.append(m.span())
    return spans


def masked_spans(text: str, *, initials: bool = True) -> list[Span]:
    """Every span the checker must ignore, in any order (they may overlap). `initials=False`
    skips the action-list rule, which only matters for acronyms."""
    spans = []
    for guard, pattern in _COMPILED:
        if guard(text):
            spans.extend(m.span() for m in pattern.finditer(text))
    spans.extend(_roman(text))
    if initials:
        spans.extend(m.span("who") for m in _INITIALS.finditer(text))
        spans.extend(m.span("who") for m in _OWNER.finditer(text))
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not any(c.islower() for c in sentence) and len(_LETTERS.findall(sentence)) >= 3:
            spans.append(m.span())
    return spans


def overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
