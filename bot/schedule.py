"""A channel's schedule (time zone, working days, quiet hours, caps, pause) and its parsers."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .channel_settings import ChannelSettings
from .model import ConversationRef

log = logging.getLogger(__name__)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Every nudge setting is a plain channel setting (channel → workspace → default), so the admin
# commands can set them at either level with the parsers below. The Core declares them.
SETTINGS: dict[str, Any] = {
    "timezone": "Europe/London",  # the core overrides this default with COPROD_TIMEZONE
    "nudges.enabled": True,
    "nudges.paused_until": None,  # ISO 8601 UTC, or None
    "nudges.working_days": [0, 1, 2, 3, 4],  # Monday = 0
    "nudges.quiet_hours": "17:30-09:00",  # HH:MM-HH:MM, may wrap midnight; "off" for none
    "nudges.daily_cap": 3,
    "nudges.meeting_delay_minutes": 5,
    "nudges.weekly_day": 0,
    "nudges.weekly_time": "09:30",
    "nudges.reminders": True,  # the principle of the week and the check reminder
    "nudges.check_every_weeks": 12,
    "nudges.grace_minutes": 120,
    "nudges.reflection_questions": 2,
}

MAX_PAUSE = timedelta(weeks=26)


class ScheduleError(ValueError):
    """Input that cannot be read: `message_id` names the friendly message, `values` fill it."""

    def __init__(self, message_id: str, **values: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.values = values


# ---- parsers (shared with the admin commands) ----------------------------------------------


def _day(word: str) -> int:
    word = word.strip().lower().rstrip(".")
    if len(word) >= 2:
        for number, full in enumerate(_FULL_DAYS):
            if full.startswith(word) and (len(word) >= 3 or word in ("mo", "tu", "we", "th")):
                return number
    raise ScheduleError("nudge.error.days", text=word)


def parse_days(text: str) -> tuple[int, ...]:
    """`Mon`, `Tue-Thu`, `Mon,Wed,Fri`, `weekdays`, `weekends`, `daily` → sorted weekday numbers."""
    words = re.sub(r"\s*([,\-–])\s*", r"\1", text.strip().lower())
    named = {
        "daily": range(7),
        "everyday": range(7),
        "every-day": range(7),
        "all": range(7),
        "weekdays": range(5),
        "weekday": range(5),
        "workdays": range(5),
        "weekends": (5, 6),
        "weekend": (5, 6),
    }
    if not words:
        raise ScheduleError("nudge.error.days", text=text)
    days: set[int] = set()
    for part in words.split(","):
        if part in named:
            days.update(named[part])
            continue
        ends = re.split(r"[-–]", part)
        if len(ends) == 1:
            days.add(_day(ends[0]))
        elif len(ends) == 2:
            first, last = _day(ends[0]), _day(ends[1])
            span = (last - first) % 7
            days.update((first + i) % 7 for i in range(span + 1))
        else:
            raise ScheduleError("nudge.error.days", text=part)
    return tuple(sorted(days))


def format_days(days: tuple[int, ...] | list[int]) -> str:
    """Weekday numbers → `Mon–Fri`, `daily`, `Mon, Wed, Fri`."""
    days = sorted(set(days))
    if days == list(range(7)):
        return "daily"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]}–{DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in days)


def parse_time(text: str) -> time:
    """`9:30` or `09:30` (24-hour clock) → a time."""
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", text.strip())
    if not match:
        raise ScheduleError("nudge.error.time", text=text)
    return time(int(match.group(1)), int(match.group(2)))


def parse_time_range(text: str) -> tuple[time, time]:
    """`10:00-11:00` → (start, end). The end may be after midnight; it may not equal the start."""
    parts = re.split(r"\s*[-–]\s*", text.strip())
    if len(parts) != 2:
        raise ScheduleError("nudge.error.time_range", text=text)
    start, end = parse_time(parts[0]), parse_time(parts[1])
    if start == end:
        raise ScheduleError("nudge.error.time_range", text=text)
    return start, end


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """`17:30-09:00` (may wrap midnight) → (start, end); `off` or `none` → None."""
    if text.strip().lower() in ("off", "none", "no"):
        return None
    return parse_time_range(text)


def format_time(value: time) -> str:
    return value.strftime("%H:%M")


def parse_duration(text: str) -> timedelta:
    """`2h`, `3d`, `2w`, `90m` (also `2 hours`, `3 days`) → a timedelta of at most 26 weeks."""
    match = re.fullmatch(
        r"(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)",
        text.strip().lower(),
    )
    if not match:
        raise ScheduleError("nudge.error.duration", text=text)
    amount, unit = int(match.group(1)), match.group(2)[0]
    delta = {
        "m": timedelta(minutes=amount),
        "h": timedelta(hours=amount),
        "d": timedelta(days=amount),
        "w": timedelta(weeks=amount),
    }[unit]
    if not timedelta(0) < delta <= MAX_PAUSE:
        raise ScheduleError("nudge.error.duration", text=text)
    return delta


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(text: str) -> ZoneInfo:
    """A time zone name (`Europe/London`, any letter case) → ZoneInfo."""
    name = text.strip()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    exact = _zone_names().get(name.lower())
    if exact:
        return ZoneInfo(exact)
    raise ScheduleError("nudge.error.timezone", text=text)


def looks_like_timezone(text: str) -> bool:
    return "/" in text or text.upper() in ("UTC", "GMT")


# ---- the effective schedule of one channel -------------------------------------------------


# The start of a working day when a channel has no quiet hours: a nudge held back from a day
# off comes then, not at midnight.
DAY_START = time(9, 0)


@dataclass(frozen=True)
class ChannelSchedule:
    """Everything that decides when a channel may be nudged. Times are UTC unless named local."""

    tz: ZoneInfo
    working_days: frozenset[int]
    quiet: tuple[time, time] | None
    enabled: bool
    paused_until: datetime | None
    daily_cap: int
    meeting_delay: timedelta
    weekly_day: int
    weekly_time: time
    check_every_weeks: int
    grace: timedelta
    questions: int
    reminders: bool = True

    def paused(self, now: datetime) -> bool:
        return self.paused_until is not None and now < self.paused_until

    def local(self, when: datetime) -> datetime:
        return when.astimezone(self.tz)

    def local_day(self, when: datetime) -> str:
        return self.local(when).date().isoformat()

    def at(self, day: date, wall: time) -> datetime:
        """The UTC instant of a local wall time (in a gap, the time just after it)."""
        return datetime.combine(day, wall, tzinfo=self.tz).astimezone(UTC)

    def _quiet_end(self, local: datetime) -> datetime | None:
        """When the quiet spell containing `local` ends, or None if `local` is not quiet."""
        if self.quiet is None:
            return None
        start, end = self.quiet
        wall, day = local.time().replace(tzinfo=None), local.date()
        if start < end:
            return self.at(day, end) if start <= wall < end else None
        if wall >= start:
            return self.at(day + timedelta(days=1), end)
        if wall < end:
            return self.at(day, end)
        return None

    def is_quiet(self, when: datetime) -> bool:
        local = self.local(when)
        return local.weekday() not in self.working_days or self._quiet_end(local) is not None

    @property
    def day_start(self) -> time:
        """When a working day starts: the end of the night's quiet hours (ones that pass or
        start at midnight), or DAY_START."""
        if self.quiet is not None:
            start, end = self.quiet
            if start > end or start == time(0):
                return end
        return DAY_START

    def next_allowed(self, when: datetime) -> datetime:
        """`when` itself if it is working time, else the start of the next working time (the
        next working morning: the working day's start, never midnight)."""
        current = when.astimezone(UTC)
        for _ in range(20):
            local = self.local(current)
            if local.weekday() not in self.working_days:
                current = self.at(local.date() + timedelta(days=1), self.day_start)
                continue
            end = self._quiet_end(local)
            if end is None:
                return current
            current = end
        return when.astimezone(UTC)


def _setting(values: dict[str, Any], name: str, parse: Any, fallback: Any) -> Any:
    try:
        return parse(values[name])
    except (ScheduleError, ValueError, TypeError, KeyError):
        log.warning("Setting %s has a bad value %r; using %r", name, values.get(name), fallback)
        return fallback


def _days(value: Any) -> frozenset[int]:
    days = parse_days(value) if isinstance(value, str) else tuple(int(d) for d in value)
    if not days or any(not 0 <= d <= 6 for d in days):
        raise ValueError(value)
    return frozenset(days)


def _when(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _bounded(low: int, high: int) -> Any:
    def parse(value: Any) -> int:
        number = int(value)
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return parse


def _weekday(value: Any) -> int:
    return _bounded(0, 6)(value) if not isinstance(value, str) else parse_days(value)[0]


NAMES = (
    "timezone",
    "nudges.enabled",
    "nudges.paused_until",
    "nudges.working_days",
    "nudges.quiet_hours",
    "nudges.daily_cap",
    "nudges.meeting_delay_minutes",
    "nudges.weekly_day",
    "nudges.weekly_time",
    "nudges.reminders",
    "nudges.check_every_weeks",
    "nudges.grace_minutes",
    "nudges.reflection_questions",
)


async def load_schedule(settings: ChannelSettings, ref: ConversationRef) -> ChannelSchedule:
    """The effective schedule of `ref`'s channel. A bad stored value falls back to the default
    (and is logged) rather than stopping every nudge."""
    values = {name: await settings.get(ref, name) for name in NAMES}
    defaults = settings.defaults
    return ChannelSchedule(
        tz=_setting(values, "timezone", parse_timezone, ZoneInfo("Europe/London")),
        working_days=_setting(values, "nudges.working_days", _days, frozenset(range(5))),
        quiet=_setting(
            values,
            "nudges.quiet_hours",
            lambda v: parse_quiet_hours(v) if v else None,
            parse_quiet_hours(defaults["nudges.quiet_hours"]),
        ),
        enabled=bool(values["nudges.enabled"]),
        paused_until=_setting(values, "nudges.paused_until", _when, None),
        daily_cap=_setting(values, "nudges.daily_cap", _bounded(0, 50), 3),
        meeting_delay=timedelta(
            minutes=_setting(values, "nudges.meeting_delay_minutes", _bounded(0, 240), 5)
        ),
        weekly_day=_setting(values, "nudges.weekly_day", _weekday, 0),
        weekly_time=_setting(values, "nudges.weekly_time", parse_time, time(9, 30)),
        check_every_weeks=_setting(values, "nudges.check_every_weeks", _bounded(0, 104), 12),
        grace=timedelta(minutes=_setting(values, "nudges.grace_minutes", _bounded(0, 10080), 120)),
        questions=_setting(values, "nudges.reflection_questions", _bounded(1, 3), 2),
        reminders=values["nudges.reminders"] is not False,
    )
