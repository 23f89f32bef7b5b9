"""Forgiving due dates: `Friday`, `tomorrow`, `11 Dec`, `in 2 weeks`, `2026-12-11`, `11/12`,
read in the channel's time zone, and shown back as they were understood (`Fri 11 Dec`)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = tuple(m.lower() for m in calendar.month_name[1:])
SHORT_MONTHS = tuple(m for m in calendar.month_abbr[1:])
LATEST = timedelta(days=2 * 366)  # a due date more than two years ahead is a typo
RECENT_PAST = timedelta(days=92)  # "5 Dec" on 7 Dec is a day gone, not next December

# Words that make a phrase look like a date, so a date that cannot be read is refused rather
# than taken as part of the action's text.
_DATE_WORDS = re.compile(
    r"\b(?:today|tomorrow|tmrw|tonight|yesterday|next|last|this|end|in|eow|eom|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    + "|".join(WEEKDAYS)
    + "|"
    + "|".join(MONTHS)
    + "|"
    + "|".join(m.lower() for m in SHORT_MONTHS)
    + "|sept)\\b|\\d",
    re.IGNORECASE,
)


class DateError(ValueError):
    """A date that cannot be used: `message_id` explains why, `values` fill it."""

    def __init__(self, message_id: str, **values: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.values = values


def looks_like_date(text: str) -> bool:
    return bool(_DATE_WORDS.search(text))


def _weekday(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in ("tues", "weds", "thur", "thurs"):
        word = word[:3]
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return number
    return None


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word == "sept":
        return 9
    if len(word) < 3:
        return None
    for number, name in enumerate(MONTHS, start=1):
        if name.startswith(word):
            return number
    return None


def _year(text: str | None, today: date) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _on(year: int, month: int, day: int, typed: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("actions.date.no_such_day", typed=typed) from None


def _day_month(
    day: int, month: int, year: int | None, today: date, typed: str, past: bool = False
) -> date:
    """A day and month; without a year, the next time it comes (this year or next), or with
    `past` the last time it came."""
    if year is not None:
        return _on(year, month, day, typed)
    if past:
        found = _on(today.year, month, day, typed) if _valid(today.year, month, day) else None
        return (
            found
            if found is not None and found <= today
            else _on(today.year - 1, month, day, typed)
        )
    found = _on(today.year, month, day, typed) if _valid(today.year, month, day) else None
    if found is not None and found < today and today - found <= RECENT_PAST:
        return found  # a day that has just gone: refused as past, not moved to next year
    if found is None or found < today:
        return _on(today.year + 1, month, day, typed)
    return found


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_day(text: str, today: date, *, past: bool = False) -> date:
    """The date `text` names, counted from `today` (the channel's local date). Raises
    DateError for a phrase that is not a date, a day that does not exist, or one in the past
    (with `past`, one in the future: `since Friday` is the last Friday)."""
    typed = " ".join(text.split())
    words = typed.lower().replace(",", " ").split()
    words = [w for w in words if w not in ("on", "the", "of")]
    phrase = " ".join(words)
    if not words:
        raise DateError("actions.date.unknown", typed=typed)
    found = _read(phrase, words, today, typed, past)
    if past:
        if found > today:
            raise DateError("actions.date.future", typed=typed)
        return found
    if found < today:
        raise DateError("actions.date.past", typed=typed, when=show_day(found, today))
    if found - today > LATEST:
        raise DateError("actions.date.too_far", typed=typed)
    return found


def _read(phrase: str, words: list[str], today: date, typed: str, past: bool) -> date:
    if phrase in ("today", "tonight", "eod", "end day", "end today"):
        return today
    if phrase == "yesterday":
        return today - timedelta(days=1)
    if phrase in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if phrase in ("end week", "eow", "this week"):
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if phrase in ("last week",):
        return today - timedelta(days=today.weekday() + 7)
    if phrase in ("last month",):
        eve = date(today.year, today.month, 1) - timedelta(days=1)
        return date(eve.year, eve.month, 1)
    if phrase in ("next week",):
        return today + timedelta(days=7 - today.weekday())
    if phrase in ("end month", "eom", "this month"):
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    match = re.fullmatch(
        r"in (\d{1,3}|a|an|one|two|three|four) (day|days|week|weeks|month|months)", phrase
    )
    if match:
        amount = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(match[1])
        n = amount if amount is not None else int(match[1])
        unit = match[2]
        if unit.startswith("day"):
            return today + timedelta(days=n)
        if unit.startswith("week"):
            return today + timedelta(weeks=n)
        month = today.month - 1 + n
        year, month = today.year + month // 12, month % 12 + 1
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    # weekdays: "friday", "fri", "this friday", "next friday"
    if len(words) <= 2:
        first, last = (words[0], words[-1]) if len(words) == 2 else ("", words[0])
        weekday = _weekday(last)
        if weekday is not None and past and first in ("", "last", "since"):
            return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
        if weekday is not None and first in ("", "this", "next", "by", "coming"):
            if first == "next":  # the one in next week (Monday to Sunday)
                return today + timedelta(days=7 - today.weekday() + weekday)
            ahead = (weekday - today.weekday()) % 7
            return today + timedelta(days=ahead)
    # ISO 2026-12-11
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase)
    if match:
        return _on(int(match[1]), int(match[2]), int(match[3]), typed)
    # 11/12, 11/12/2026, 11.12.26 (day first, as in the UK)
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?", phrase)
    if match:
        given = _year(match[3], today)
        return _day_month(int(match[1]), int(match[2]), given, today, typed, past)
    # an optional weekday, then "11 dec", "11th december 2026", "dec 11", "december 11th 2026"
    rest = list(words)
    if rest and _weekday(rest[0]) is not None and len(rest) > 1:
        rest = rest[1:]
    text = " ".join(rest)
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?(?: (\d{2}|\d{4}))?", text)
    if match and (named := _month(match[2])) is not None:
        return _day_month(int(match[1]), named, _year(match[3], today), today, typed, past)
    match = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{2}|\d{4}))?", text)
    if match and (named := _month(match[1])) is not None:
        return _day_month(int(match[2]), named, _year(match[3], today), today, typed, past)
    raise DateError("actions.date.unknown", typed=typed)


def show_day(day: date, today: date | None = None) -> str:
    """`Fri 11 Dec`, with the year when it is not this year's."""
    text = f"{SHORT_DAYS[day.weekday()]} {day.day} {SHORT_MONTHS[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text
