"""The "never flag" rules: parts of a message the checker must not look inside.

Each rule is a pattern for text that is not the author's prose (code, links, tokens, emoji,
postcodes, times, money, units, quoted words), a sentence written wholly in capitals, or, for
acronyms only, a Roman numeral or people's initials in an action list. A finding that touches
one of these is dropped. `Masks` works each rule out only when a finding needs it, and each
pattern runs only when a cheap test says the text could hold it, which keeps chat fast. The
people a message mentions are masked by the text that stands for them, as the adapter resolved
them (`Mention.text`): the checker reads no platform's mention markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

Span = tuple[int, int]

_UNITS = (
    r"km|kg|mg|mcg|ml|cm|mm|m|g|l|k|bn|hrs?|hours?|mins?|secs?|kb|mb|gb|tb|ghz|mhz|kwh|kw|"
    r"mph|kph|ft|lbs?|oz|st|yrs?|am|pm|%"
)
_ROMAN_LETTERS = frozenset("MDCLXVI")
_ROMAN_COMMON = frozenset(
    "II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
)
_ROMAN_AFTER = frozenset(
    "part phase stage tier level chapter section year wave annex appendix schedule volume "
    "step type class article grade book act war henry elizabeth george charles".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


_DIGITS = "0123456789"
_Test = Callable[[str], object] | None

# (characters one of which the text must hold, a further cheap test or None, the pattern).
_GUARDED: list[tuple[str, _Test, str]] = [
    ("`", None, r"(?s:```.*?(?:```|\Z))|`[^`\n]+`"),  # code blocks and spans
    ("<", None, r"<[^<>\n]{1,500}>"),  # tokens in angle brackets
    (  # links
        ":wW",
        re.compile(r"(?i:://|www\.)").search,
        r"(?i:\b(?:https?://|ftp://|www\.)[^\s<>]+)",
    ),
    ("@", None, r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # email addresses
    (  # web addresses without a scheme
        ".",
        re.compile(r"(?i:\.(?:uk|com|org|net|gov|nhs|io|info|co|ac|eu)\b)").search,
        r"(?i:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|io|info|co|ac|eu)\b"
        r"(?:/[^\s<>]*)?)",
    ),
    (":", None, r":[a-z0-9_+'-]{1,40}:"),  # :emoji:
    ("#@", None, r"(?<![\w&])[#@][\w-]+"),  # #hashtags, #channels, @names
    (  # UK postcodes (CH1 4BJ) and postcode districts and roads (CH1, SW1A, M62)
        _DIGITS,
        re.compile(r"[A-Z]\d").search,
        r"(?<!\w)[A-Z]{1,2}\d(?:[A-Z\d]?\s*\d[A-Z]{2}|\d?[A-Z]?)\b",
    ),
    (  # 10:30am, 3 pm, 5km, 20 mins, 3GB, 45p
        _DIGITS,
        re.compile(r"\d\s?[A-Za-z%]").search,
        rf"(?i)(?<!\w)\d+(?:[.,:]\d+)*\s?(?:{_UNITS}|p)(?!\w)",
    ),
    (":", re.compile(r"\d:\d").search, r"(?<!\w)\d{1,2}:\d{2}(?::\d{2})?\b"),  # 14:00
    ("£$€", None, r"[£$€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?i:k|m|bn)\b)?"),  # £2k, $10
    # Quoted words: 'service users', "hard to reach", ‘…’, “…”.
    (
        "'",
        re.compile(r"(?<!\w)'").search,
        r"(?<!\w)'(?=\S)(?:[^'\n]|'(?=\w))*?(?<=\S)'(?!\w)",
    ),
    ('"‘“', None, r"\"[^\"\n]{1,300}\"|‘[^’\n]{1,300}’|“[^”\n]{1,300}”"),
]
_COMPILED = [(test, re.compile(p)) for _chars, test, p in _GUARDED]
# For each character that can start a rule off, the rules it starts (by position above).
_BY_CHAR: dict[str, tuple[int, ...]] = {}
for _i, (_chars, _test, _p) in enumerate(_GUARDED):
    for _c in _chars:
        _BY_CHAR[_c] = (*_BY_CHAR.get(_c, ()), _i)
_TRIGGERS = frozenset(_BY_CHAR)

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
_OWNER_WORDS = ("action", "owner", "lead")
# What can follow a person's initials in an action list (a cheap test before the patterns).
_AFTER_INITIALS = re.compile(r"\s*(?:(?:to|will|and)\s|[:–,/&]|-\s)")
# ... and what can come before them: a line or sentence start, a bullet, a number, "Action:",
# or the initials before them in a list ("SJ, MK and AB").
_BEFORE_INITIALS = re.compile(r"(?:^|[\n.!?;:,/&*•·>(–-]|\band|\d[.)])[ \t]*$", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]{2,}")
_CAPITAL_WORD = re.compile(r"[A-Z]{2,}")
_SENTENCE = re.compile(r"[^.!?\n]+")


def overlaps(spans: list[Span], start: int, end: int) -> bool:
    for s, e in spans:
        if s < end and start < e:
            return True
    return False


class Masks:
    """What must not be flagged in one message, worked out on first use."""

    def __init__(self, text: str, mentions: Collection[str] = ()) -> None:
        self.text = text
        self.mentions = mentions
        self._spans: list[Span] | None = None
        self._capitals: list[Span] | None = None
        self._people: list[Span] | None = None
        self._initials = False

    def spans(self) -> list[Span]:
        """Every pattern span (they may overlap, in any order)."""
        if self._spans is None:
            text = self.text
            spans: list[Span] = []
            for written in self.mentions:
                start = text.find(written) if written else -1
                while start >= 0:
                    spans.append((start, start + len(written)))
                    start = text.find(written, start + len(written))
            present = _TRIGGERS.intersection(text)
            if present:
                for i in sorted({i for c in present for i in _BY_CHAR[c]}):
                    test, pattern = _COMPILED[i]
                    if test is None or test(text) is not None:
                        spans += [m.span() for m in pattern.finditer(text)]
            self._spans = spans
        return self._spans

    def hides(self, start: int, end: int) -> bool:
        """True when text[start:end] is not prose: inside a pattern or a sentence in capitals."""
        return overlaps(self.spans(), start, end) or overlaps(self._shouted(), start, end)

    def hides_acronym(self, start: int, end: int) -> bool:
        """`hides`, or the short form is a Roman numeral or people's initials."""
        return self.hides(start, end) or self._roman(start, end) or self._person(start, end)

    def _shouted(self) -> list[Span]:
        """Sentences with no lower-case letter and at least three words in capitals."""
        if self._capitals is None:
            text = self.text
            self._capitals = []
            if len(_CAPITAL_WORD.findall(text)) >= 3:
                for m in _SENTENCE.finditer(text):
                    sentence = m.group()
                    if sentence.upper() == sentence and len(_LETTERS.findall(sentence)) >= 3:
                        self._capitals.append(m.span())
        return self._capitals

    def _roman(self, start: int, end: int) -> bool:
        """Roman numerals: the common ones anywhere, others after words like Part or Phase."""
        text = self.text
        word = text[start:end]
        if not 2 <= len(word) <= 7 or not _ROMAN_LETTERS.issuperset(word):
            return False
        if (start and text[start - 1].isalnum()) or text[end : end + 1].isalnum():
            return False
        if word in _ROMAN_COMMON:
            return True
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        return before is not None and before.group(1).lower() in _ROMAN_AFTER

    def _person(self, start: int, end: int) -> bool:
        """People's initials in an action list ("SJ to book the room", "Action: SJ")."""
        if not 2 <= end - start <= 3:
            return False
        text = self.text
        if self._people is None:
            self._people = []
            low = text.lower()
            if any(w in low for w in _OWNER_WORDS):
                self._people += [m.span("who") for m in _OWNER.finditer(text)]
        if (
            not self._initials
            and _AFTER_INITIALS.match(text, end) is not None
            and _BEFORE_INITIALS.search(text[max(0, start - 12) : start]) is not None
        ):
            self._initials = True  # something an action list puts after initials follows
            self._people += [m.span("who") for m in _INITIALS.finditer(text)]
        return overlaps(self._people, start, end)
