"""Checks for admin input: principle numbers, prompt kinds and wording, time zones and times.

Each check returns the clean value or raises `Invalid` naming a message that says what was
wrong; the `admin` command adds the correct form and an example to the reply."""

from __future__ import annotations

import difflib
import re
from datetime import time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..markup import clean
from ..prompts.models import ANSWERS, Answer, Kind

MAX_PROMPT = 300


class Invalid(Exception):
    """A value an admin typed that cannot be used. `message_id` names the explanation in
    `prompts/messages`; `values` fill it (they are escaped before they are shown)."""

    def __init__(self, message_id: str, /, **values: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.values = values
        self.form: int | None = None

    def of_form(self, index: int) -> Invalid:
        """Show only the subcommand's `index`-th usage and example with this problem."""
        if self.form is None:
            self.form = index
        return self


KIND_WORDS: dict[str, Kind] = {
    "reflection": "reflection",
    "reflections": "reflection",
    "reminder": "reminder",
    "reminders": "reminder",
    "check": "check_statement",
    "check_statement": "check_statement",
    "check-statement": "check_statement",
    "next": "next_step",
    "next_step": "next_step",
    "next-step": "next_step",
    "next_steps": "next_step",
}
# Two-word kinds: "check statement", "next step".
KIND_SECOND: dict[str, tuple[str, ...]] = {
    "check": ("statement", "statements"),
    "next": ("step", "steps"),
}


def take_answer(words: list[str]) -> tuple[Answer | None, list[str]]:
    """An optional reflection kind (`vote` or `talk`) at the start of `words`."""
    if words and words[0].lower() in ANSWERS:
        return words[0].lower(), words[1:]  # type: ignore[return-value]
    return None, words


def principle_number(word: str) -> int:
    """`4`, `p4` or `#4` → 4; anything else (including 0 and 9) is refused."""
    found = re.fullmatch(r"(?:p|#)?([0-9]{1,3})", word.strip().lower())
    if not found or not 1 <= int(found.group(1)) <= 8:
        raise Invalid("admin.invalid.principle", typed=word[:40])
    return int(found.group(1))


def is_kind(word: str) -> bool:
    return word.lower() in KIND_WORDS


def take_kind(words: list[str]) -> tuple[Kind, list[str]]:
    """Read a kind from the start of `words` (one or two words); return it and the rest."""
    if not words or not is_kind(words[0]):
        raise Invalid("admin.invalid.kind", typed=(words[0] if words else "")[:40])
    first = words[0].lower()
    kind = KIND_WORDS[first]
    rest = words[1:]
    if rest and first in KIND_SECOND and rest[0].lower() in KIND_SECOND[first]:
        rest = rest[1:]
    return kind, rest


def prompt_text(text: str, *, limit: int = MAX_PROMPT) -> str:
    """Admin wording for a prompt: invisible characters stripped, spaces tidied, length capped
    (too long is refused rather than cut, so nothing changes meaning silently)."""
    tidy = " ".join(clean(text, limit=len(text) + 1).split())
    if not tidy:
        raise Invalid("admin.invalid.empty_text")
    if len(tidy) > limit:
        raise Invalid("admin.invalid.too_long", length=len(tidy), limit=limit)
    return tidy


@cache
def _zones() -> dict[str, str]:
    return {z.lower(): z for z in available_timezones()}


def timezone(text: str) -> str:
    """An IANA time zone name, in its proper spelling (`europe/london` → `Europe/London`)."""
    typed = text.strip()
    zones = _zones()
    if typed.lower() in zones:
        return zones[typed.lower()]
    if not zones and typed:  # no zone list on this system: ask zoneinfo itself
        try:
            ZoneInfo(typed)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return typed
    close = difflib.get_close_matches(typed.lower(), list(zones), n=1, cutoff=0.75)
    if close:
        raise Invalid(
            "admin.invalid.timezone_suggest", typed=typed[:60], suggestion=zones[close[0]]
        )
    raise Invalid("admin.invalid.timezone", typed=typed[:60])


_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


def clock_time(text: str) -> time:
    """A time of day written HH:MM on the 24-hour clock (`9:30`, `18:00`)."""
    found = _TIME.match(text.strip())
    if not found:
        raise Invalid("admin.invalid.time", typed=text.strip()[:20])
    return time(int(found.group(1)), int(found.group(2)))


def time_range(text: str) -> tuple[time, time]:
    """`18:00-09:00` → (18:00, 09:00). The range may pass midnight; start and end must differ."""
    parts = re.split(r"\s*[-–—]\s*|\s+to\s+", text.strip(), maxsplit=1)
    if len(parts) != 2:
        raise Invalid("admin.invalid.time_range", typed=text.strip()[:40])
    start, end = clock_time(parts[0]), clock_time(parts[1])
    if start == end:
        raise Invalid("admin.invalid.time_range", typed=text.strip()[:40])
    return start, end
