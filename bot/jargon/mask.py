"""The "never flag" rules: spans of a message the checker must not look inside.

Each rule is a pattern for text that is not the author's prose (code, links, mentions, emoji,
postcodes, times, money, Roman numerals, people's initials in action lists, quoted words) or is
written wholly in capitals. Findings that touch one of these spans are dropped."""

from __future__ import annotations

import re

Span = tuple[int, int]

_UNITS = (
    r"km|kg|mg|mcg|ml|cm|mm|m|g|l|k|bn|hrs?|hours?|mins?|secs?|kb|mb|gb|tb|ghz|mhz|kwh|kw|"
    r"mph|kph|ft|lbs?|oz|st|yrs?|am|pm|%"
)
_ROMAN_AFTER = (
    r"part|phase|stage|tier|level|chapter|section|year|wave|annex|appendix|schedule|volume|"
    r"step|type|class|article|grade|book|act|key stage|world war|henry|elizabeth|george|charles"
)
_PATTERNS = [
    r"(?s:```.*?(?:```|\Z))",  # code blocks
    r"`[^`\n]+`",  # code spans
    r"(?is:<at\b[^>]*>.*?</at>)",  # Teams mentions
    r"<[^<>\n]{1,500}>",  # Slack tokens: <@U…>, <#C…|name>, <!here>, <url|text>
    r"(?i:\b(?:https?://|ftp://|www\.)[^\s<>]+)",  # links
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # email addresses
    r"(?i:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|io|info|co|ac|eu)\b(?:/[^\s<>]*)?)",
    r":[a-z0-9_+'-]{1,40}:",  # :emoji:
    r"(?<![\w&])[#@][\w-]+",  # #hashtags, #channels, @names
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b",  # UK postcodes: CH1 4BJ
    r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\b",  # postcode districts and roads: CH1, SW1A, M62
    r"(?i:\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b)",  # 10:30am, 3 pm
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",  # 14:00
    r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?i:k|m|bn)\b)?",  # £2k, $10
    rf"(?i:\b\d+(?:[.,]\d+)*\s?(?:{_UNITS})(?![\w]))",  # 45p is below; 5km, 20 mins, 3GB
    r"\b\d+(?:\.\d+)?p\b",  # 45p
    r"\b(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI|XVII|XVIII|XIX|XX)\b",
    rf"(?i:\b(?:{_ROMAN_AFTER})\s+)(?-i:[MDCLXVI]{{1,7}})\b",  # Part IV, Type II, Stage III
    # Quoted words: 'service users', "hard to reach", ‘…’, “…”.
    r"(?<![\w])'(?=\S)(?:[^'\n]|'(?=\w))*?(?<=\S)'(?!\w)",
    r"\"[^\"\n]{1,300}\"",
    r"‘[^’\n]{1,300}’",
    r"“[^”\n]{1,300}”",
]
_MASK = re.compile("|".join(_PATTERNS))

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


def masked_spans(text: str) -> list[Span]:
    """Every span the checker must ignore, in any order (they may overlap)."""
    spans = [m.span() for m in _MASK.finditer(text)]
    spans.extend(m.span("who") for m in _INITIALS.finditer(text))
    spans.extend(m.span("who") for m in _OWNER.finditer(text))
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not any(c.islower() for c in sentence) and len(_LETTERS.findall(sentence)) >= 3:
            spans.append(m.span())
    return spans


def overlaps(spans: list[Span], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
