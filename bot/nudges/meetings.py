"""Recurring meetings of a channel: parsing `meeting add …` and keeping them in the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from ..markup import clean
from ..model import ConversationRef
from ..store import Doc, Store
from .schedule import (
    ScheduleError,
    format_days,
    format_time,
    looks_like_timezone,
    parse_days,
    parse_time,
    parse_time_range,
    parse_timezone,
)
from .slots import iso

TABLE = "nudge_meetings"
MAX_NAME = 80
MAX_PER_CHANNEL = 50


@dataclass(frozen=True)
class Meeting:
    """A meeting that recurs on some weekdays, between two wall-clock times."""

    id: str
    channel_key: str
    scope: str
    name: str
    days: tuple[int, ...]
    start: time
    end: time
    timezone: str | None
    created_at: str

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def describe(self) -> str:
        zone = f" ({self.timezone})" if self.timezone else ""
        return f"{format_days(self.days)} {format_time(self.start)}–{format_time(self.end)}{zone}"

    def to_doc(self) -> Doc:
        return {
            "id": self.id,
            "channel_key": self.channel_key,
            "scope": self.scope,
            "name": self.name,
            "days": list(self.days),
            "start": format_time(self.start),
            "end": format_time(self.end),
            "timezone": self.timezone,
            "created_at": self.created_at,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Meeting:
        return cls(
            id=str(doc["id"]),
            channel_key=doc["channel_key"],
            scope=doc["scope"],
            name=doc["name"],
            days=tuple(doc["days"]),
            start=parse_time(doc["start"]),
            end=parse_time(doc["end"]),
            timezone=doc.get("timezone"),
            created_at=doc["created_at"],
        )


@dataclass(frozen=True)
class MeetingSpec:
    name: str
    days: tuple[int, ...]
    start: time
    end: time
    timezone: str | None


def parse_meeting(text: str) -> MeetingSpec:
    """`<name> <days> <HH:MM>-<HH:MM> [timezone]` → a MeetingSpec, or ScheduleError."""
    words = text.replace(" – ", "-").replace(" - ", "-").split()
    if len(words) < 3:
        raise ScheduleError("nudge.meeting.form")
    zone = None
    if looks_like_timezone(words[-1]):
        zone = parse_timezone(words.pop()).key
    if len(words) < 3:
        raise ScheduleError("nudge.meeting.form")
    start, end = parse_time_range(words.pop())
    # Days may be written with spaces after commas ("Mon, Wed") or as two words ("every day").
    day_words = [words.pop()]
    while words and (words[-1].endswith(",") or day_words[0].startswith(",")):
        day_words.insert(0, words.pop())
    if words and words[-1].lower() == "every" and day_words[0].lower() == "day":
        day_words.insert(0, words.pop())
    days = parse_days("".join(day_words).replace("everyday", "daily"))
    name = clean(" ".join(words), limit=MAX_NAME).strip()
    if not name:
        raise ScheduleError("nudge.meeting.form")
    return MeetingSpec(name, days, start, end, zone)


def meeting_key(channel_key: str, meeting_id: str) -> str:
    return f"{channel_key}|{meeting_id}"


async def list_meetings(store: Store, ref: ConversationRef) -> list[Meeting]:
    docs = await store.find(TABLE, channel_key=ref.channel_key)
    return sorted((Meeting.from_doc(d) for d in docs), key=lambda m: int(m.id))


async def all_meetings(store: Store) -> list[Meeting]:
    return [Meeting.from_doc(d) for d in await store.find(TABLE)]


async def get_meeting(store: Store, channel_key: str, meeting_id: str) -> Meeting | None:
    doc = await store.get(TABLE, meeting_key(channel_key, meeting_id))
    return Meeting.from_doc(doc) if doc else None


async def add_meeting(
    store: Store, ref: ConversationRef, spec: MeetingSpec, now: datetime
) -> Meeting | None:
    """Store a new meeting with the next free number in this channel (None when full)."""
    existing = await list_meetings(store, ref)
    if len(existing) >= MAX_PER_CHANNEL:
        return None
    number = max((int(m.id) for m in existing), default=0) + 1
    while True:
        meeting = Meeting(
            id=str(number),
            channel_key=ref.channel_key,
            scope=ref.scope,
            name=spec.name,
            days=spec.days,
            start=spec.start,
            end=spec.end,
            timezone=spec.timezone,
            created_at=iso(now),
        )
        if await store.add(TABLE, meeting_key(ref.channel_key, meeting.id), meeting.to_doc()):
            return meeting
        number += 1


async def remove_meeting(store: Store, ref: ConversationRef, meeting_id: str) -> Meeting | None:
    meeting = await get_meeting(store, ref.channel_key, meeting_id)
    if meeting is None:
        return None
    await store.delete(TABLE, meeting_key(ref.channel_key, meeting_id))
    return meeting
