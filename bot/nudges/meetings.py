"""Recurring meetings of a channel: parsing `meeting add …` and keeping them in the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from weakref import WeakSet

from ..markup import clean
from ..model import ConversationRef
from ..schedule import (
    ScheduleError,
    format_days,
    format_time,
    looks_like_timezone,
    parse_days,
    parse_time,
    parse_time_range,
    parse_timezone,
)
from ..scheduling.slots import iso
from ..store import Doc, Store

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
    overnight: bool = False  # the person said it runs past midnight (`… overnight`)

    @property
    def unclear(self) -> bool:
        """It ends before it starts and nobody said it runs overnight: ask first."""
        return self.end < self.start and not self.overnight


OVERNIGHT = "overnight"


def parse_meeting(text: str) -> MeetingSpec:
    """`<name> <days> <HH:MM>-<HH:MM> [timezone] [overnight]` → a MeetingSpec, or
    ScheduleError."""
    words = text.replace(" – ", "-").replace(" - ", "-").split()
    overnight = bool(words) and words[-1].lower() == OVERNIGHT
    if overnight:
        words.pop()
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
    return MeetingSpec(name, days, start, end, zone, overnight)


# Layout: one document per channel, keyed by its channel key, holding that channel's meetings
# (`{"scope", "channel_key", "version", "meetings": [...]}`), so a channel's meetings are one
# `get` however many channels there are. `META`/`CHANGES` counts every add and remove, so the
# planner can tell cheaply whether another process changed any meeting.
META, CHANGES = "nudge_meta", "meetings"
_MIGRATED: WeakSet[Any] = WeakSet()


def _meeting(channel: Doc, entry: Doc) -> Meeting:
    return Meeting.from_doc(
        {**entry, "channel_key": channel["channel_key"], "scope": channel["scope"]}
    )


def _entry(meeting: Meeting) -> Doc:
    doc = meeting.to_doc()
    del doc["channel_key"], doc["scope"]
    return doc


async def migrate(store: Store) -> int:
    """Fold meetings stored one document each (before per-channel documents) into their
    channel's document. Runs once per store per process; returns how many it moved."""
    if store in _MIGRATED:
        return 0
    moved = 0
    for doc in await store.find(TABLE, meetings=None):
        meeting = Meeting.from_doc(doc)

        def fold(entries: list[Doc], m: Meeting = meeting) -> list[Doc] | None:
            if any(str(e["id"]) == m.id for e in entries):
                return None  # moved already, before a crash
            return [*entries, _entry(m)]

        await _change(store, meeting.channel_key, meeting.scope, fold)
        await store.delete(TABLE, doc["_key"])
        moved += 1
    _MIGRATED.add(store)
    return moved


async def _channel_doc(store: Store, channel_key: str) -> Doc | None:
    await migrate(store)
    return await store.get(TABLE, channel_key)


async def _change(store: Store, channel_key: str, scope: str, edit: Any) -> None:
    """Apply `edit(meetings) -> meetings or None (no change)` to a channel's document, with
    compare-and-set so concurrent processes never lose a meeting."""
    while True:
        doc = await store.get(TABLE, channel_key)
        new = edit(list(doc["meetings"]) if doc else [])
        if new is None:
            return
        if doc is None:
            fresh = {"scope": scope, "channel_key": channel_key, "version": 1, "meetings": new}
            if not await store.add(TABLE, channel_key, fresh):
                continue
        elif not await store.update(
            TABLE,
            channel_key,
            {"meetings": new, "version": doc["version"] + 1},
            expect={"version": doc["version"]},
        ):
            continue
        await store.add(META, CHANGES, {"count": 0})
        while True:
            meta = await store.get(META, CHANGES)
            assert meta is not None
            if await store.update(
                META, CHANGES, {"count": meta["count"] + 1}, expect={"count": meta["count"]}
            ):
                return


async def changes(store: Store) -> int:
    """How many times any meeting was added or removed (for the planner's reconcile)."""
    doc = await store.get(META, CHANGES)
    return int(doc["count"]) if doc else 0


async def list_meetings(store: Store, ref: ConversationRef) -> list[Meeting]:
    doc = await _channel_doc(store, ref.channel_key)
    if doc is None:
        return []
    return sorted((_meeting(doc, m) for m in doc["meetings"]), key=lambda m: int(m.id))


async def all_meetings(store: Store) -> list[Meeting]:
    await migrate(store)
    return [_meeting(doc, m) for doc in await store.find(TABLE) for m in doc.get("meetings", [])]


async def get_meeting(store: Store, channel_key: str, meeting_id: str) -> Meeting | None:
    doc = await _channel_doc(store, channel_key)
    if doc is None:
        return None
    for entry in doc["meetings"]:
        if str(entry["id"]) == meeting_id:
            return _meeting(doc, entry)
    return None


async def add_meeting(
    store: Store, ref: ConversationRef, spec: MeetingSpec, now: datetime
) -> Meeting | None:
    """Store a new meeting with the next free number in this channel (None when full)."""
    await migrate(store)
    made: list[Meeting] = []

    def add(entries: list[Doc]) -> list[Doc] | None:
        made.clear()
        if len(entries) >= MAX_PER_CHANNEL:
            return None
        number = max((int(e["id"]) for e in entries), default=0) + 1
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
        made.append(meeting)
        return [*entries, _entry(meeting)]

    await _change(store, ref.channel_key, ref.scope, add)
    return made[0] if made else None


async def remove_meeting(store: Store, ref: ConversationRef, meeting_id: str) -> Meeting | None:
    await migrate(store)
    removed: list[Meeting] = []

    def remove(entries: list[Doc]) -> list[Doc] | None:
        removed.clear()
        gone = [e for e in entries if str(e["id"]) == meeting_id]
        if not gone:
            return None
        removed.append(_meeting({"channel_key": ref.channel_key, "scope": ref.scope}, gone[0]))
        return [e for e in entries if str(e["id"]) != meeting_id]

    await _change(store, ref.channel_key, ref.scope, remove)
    return removed[0] if removed else None
