"""Which nudges fall due when: each source (a meeting, the weekly principle, the check
reminder) has at most one open slot, its next occurrence, planned incrementally."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..model import ConversationRef
from ..schedule import ChannelSchedule, load_schedule
from ..scheduling.channel_memory import ensure_state
from ..scheduling.slots import PLANNED, SlotTable, iso, parse_iso, slot_key, source_id, ts
from .meetings import Meeting, all_meetings, changes, get_meeting, list_meetings

if TYPE_CHECKING:
    from ..services import Services

log = logging.getLogger(__name__)

REFLECTION, WEEKLY, CHECK = "reflection", "weekly", "check"
KINDS = (REFLECTION, WEEKLY, CHECK)
RETENTION = timedelta(days=3)  # sent and skipped slots are kept this long, then pruned
MAX_STEPS = 400  # occurrences tried per plan; guards against a loop, never reached in practice


@dataclass(frozen=True)
class Source:
    """Something that produces nudges in one channel."""

    kind: str
    name: str  # "m<id>" for a meeting, else the kind
    channel_key: str
    since: datetime  # nothing before this is ever planned
    meeting: Meeting | None = None

    @property
    def id(self) -> str:
        return source_id(self.channel_key, self.kind, self.name)


def occurrences(
    source: Source, schedule: ChannelSchedule, after: datetime
) -> Iterator[tuple[str, datetime]]:
    """(occurrence label, fire time in UTC) of `source` strictly after `after`, in order."""
    if source.meeting is not None:
        meeting = source.meeting
        tz = ZoneInfo(meeting.timezone) if meeting.timezone else schedule.tz
        day = after.astimezone(tz).date() - timedelta(days=1)
        while True:
            if day.weekday() in meeting.days:
                end_day = day + timedelta(days=1) if meeting.overnight else day
                end = datetime.combine(end_day, meeting.end, tzinfo=tz).astimezone(UTC)
                fire = end + schedule.meeting_delay
                if fire > after:
                    yield day.isoformat(), fire
            day += timedelta(days=1)
    elif not schedule.reminders:
        return  # `admin reminders off`: no principle of the week, no check reminder
    elif source.kind == WEEKLY:
        day = schedule.local(after).date() - timedelta(days=1)
        day += timedelta(days=(schedule.weekly_day - day.weekday()) % 7)
        while True:
            fire = schedule.at(day, schedule.weekly_time)
            if fire > after:
                yield day.isoformat(), fire
            day += timedelta(weeks=1)
    elif source.kind == CHECK:
        every = schedule.check_every_weeks
        if every <= 0:
            return
        anchor = schedule.local(source.since).date()
        monday = anchor - timedelta(days=anchor.weekday())
        passed = (schedule.local(after).date() - monday).days // (7 * every)
        k = max(1, passed)
        while True:
            day = monday + timedelta(weeks=every * k, days=schedule.weekly_day)
            fire = schedule.at(day, schedule.weekly_time)
            if fire > after:
                yield day.isoformat(), fire
            k += 1


class Planner:
    """Plans the next slot of each source. Cheap: one open slot per source, never months."""

    def __init__(self, core: Services, slots: SlotTable) -> None:
        self.core = core
        self.slots = slots
        self._seen: tuple[int, int] | None = None
        self.retention = RETENTION

    async def _counts(self) -> tuple[int, int]:
        store = self.core.store
        return await store.count("conversations"), await changes(store)

    async def reconcile(self, now: datetime) -> int:
        """Plan what is new since the last look (channels or meetings added elsewhere, such as
        by another replica). Cheap when nothing changed: two counts."""
        if await self._counts() == self._seen:
            return 0
        return await self.ensure_all(now)

    async def sources(self, ref: ConversationRef, now: datetime) -> list[Source]:
        state = await ensure_state(self.core.store, ref, now)
        anchor = parse_iso(state["anchor"])
        found = [
            Source(WEEKLY, WEEKLY, ref.channel_key, anchor),
            Source(CHECK, CHECK, ref.channel_key, anchor),
        ]
        for meeting in await list_meetings(self.core.store, ref):
            found.append(meeting_source(meeting))
        return found

    async def source_of(self, doc: dict) -> Source | None:
        """The source of a slot document (None when its meeting was removed)."""
        if doc["kind"] == REFLECTION:
            meeting = await get_meeting(self.core.store, doc["channel_key"], doc["source"][1:])
            return meeting_source(meeting) if meeting else None
        state = await self.core.store.get("nudge_channels", doc["channel_key"])
        since = parse_iso(state["anchor"]) if state else parse_iso(doc["nominal"])
        return Source(doc["kind"], doc["source"], doc["channel_key"], since)

    async def plan(
        self,
        source: Source,
        ref: ConversationRef,
        now: datetime,
        schedule: ChannelSchedule | None = None,
        floor: datetime | None = None,
        not_before: datetime | None = None,
    ) -> str | None:
        """Make sure `source` has an open slot: its first occurrence after
        max(now − grace, source start) (or after `floor`) that is not already sent or skipped.
        Occurrences that pile up in one quiet spell collapse into one nudge. Returns its key."""
        schedule = schedule or await load_schedule(self.core.channel_settings, ref)
        after = max(now - schedule.grace, source.since)
        if floor is not None:
            after = max(min(after, floor), source.since)
        if not_before is not None:
            after = max(after, not_before)
        # Finished slots older than the retention are pruned, so nothing older is ever planned
        # again (the effective grace is at most the retention).
        after = max(after, now - self.retention)
        for step, (label, fire) in enumerate(occurrences(source, schedule, after)):
            if step >= MAX_STEPS:
                break
            key = slot_key(source.channel_key, source.kind, source.name, label)
            due = schedule.next_allowed(fire)
            doc = {"scope": ref.scope, "nominal": iso(fire), "due_ts": ts(due), "state": PLANNED}
            if await self.slots.add(key, doc):
                return key
            existing = await self.slots.get(key)
            if existing is not None and existing["state"] == PLANNED:
                # Planned by another replica (or before a restart): index it here too.
                self.slots.push(float(existing["due_ts"]), key)
                self.slots.open_by_source[source.id] = key
                return key
        # Nothing to plan (the check reminder is off, or a meeting has no future dates): remember
        # that, so reconciling does not retry it; `replan_channel` forgets it.
        self.slots.open_by_source[source.id] = ""
        return None

    async def ensure_channel(
        self, ref: ConversationRef, now: datetime, floors: dict[str, datetime] | None = None
    ) -> int:
        """Plan every source of a channel that has no open slot yet; returns how many planned."""
        if ref.is_direct:
            return 0
        schedule = await load_schedule(self.core.channel_settings, ref)
        floors = floors or {}
        planned = 0
        for source in await self.sources(ref, now):
            if source.id not in self.slots.open_by_source:
                floor = floors.get(source.id)
                planned += await self.plan(source, ref, now, schedule, floor) is not None
        return planned

    async def drop_source(self, source: Source) -> None:
        """Forget a removed source's planned slot (a slot already being sent finishes)."""
        for doc in await self.slots.find(source_id=source.id, state=PLANNED):
            await self.slots.delete(doc["_key"])
            self.slots.closed(doc)

    async def replan_channel(self, ref: ConversationRef, now: datetime) -> None:
        """After a change to the channel's meetings or schedule: drop its not-yet-claimed slots
        and plan again. Admin commands that change nudge settings call this too."""
        await self.replan_channels([ref], now)

    async def replan_channels(self, refs: list[ConversationRef], now: datetime) -> int:
        """`replan_channel` for many channels (a workspace-wide change) with one look at the
        slot table. Returns how many channels were replanned."""
        wanted = {ref.channel_key: ref for ref in refs if not ref.is_direct}
        if not wanted:
            return 0
        floors: dict[str, dict[str, datetime]] = {key: {} for key in wanted}
        if len(wanted) == 1:
            (only,) = wanted
            planned = await self.slots.find(channel_key=only, state=PLANNED)
        else:
            planned = await self.slots.find(state=PLANNED)
        for doc in planned:
            if doc["channel_key"] not in wanted or doc["kind"] not in KINDS:
                continue  # another channel, or another feature's one-off post
            await self.slots.delete(doc["_key"])
            self.slots.closed(doc)
            # Re-plan from just before the dropped occurrence, so one held over a quiet spell
            # is not lost.
            floors[doc["channel_key"]][doc["source_id"]] = parse_iso(doc["nominal"]) - timedelta(
                seconds=1
            )
        for key in [k for k in self.slots.open_by_source if k.split("|", 1)[0] in wanted]:
            del self.slots.open_by_source[key]
        for key, ref in wanted.items():
            await self.ensure_channel(ref, now, floors[key])
        return len(wanted)

    async def ensure_all(self, now: datetime) -> int:
        """Plan every known channel's sources (start-up, and reconcile when something changed)."""
        self._seen = await self._counts()
        planned = 0
        meetings: dict[str, list[Meeting]] = {}
        for meeting in await all_meetings(self.core.store):
            meetings.setdefault(meeting.channel_key, []).append(meeting)
        for doc in await self.core.store.find("conversations"):
            ref = ConversationRef.from_dict(doc)
            if ref.is_direct:
                continue
            wanted = [
                source_id(ref.channel_key, WEEKLY, WEEKLY),
                source_id(ref.channel_key, CHECK, CHECK),
                *(meeting_source(m).id for m in meetings.get(ref.channel_key, [])),
            ]
            if all(w in self.slots.open_by_source for w in wanted):
                continue
            planned += await self.ensure_channel(ref, now)
        return planned

    async def preview(
        self, ref: ConversationRef, now: datetime, count: int = 5
    ) -> list[tuple[datetime, Source]]:
        """The next `count` nudges as (due, source), without planning anything."""
        schedule = await load_schedule(self.core.channel_settings, ref)
        upcoming: list[tuple[datetime, Source]] = []
        for source in await self.sources(ref, now):
            for step, (_label, fire) in enumerate(occurrences(source, schedule, now)):
                if step >= count:
                    break
                upcoming.append((schedule.next_allowed(fire), source))
        upcoming.sort(key=lambda item: (item[0], KINDS.index(item[1].kind)))
        return upcoming[:count]


def meeting_source(meeting: Meeting) -> Source:
    return Source(
        REFLECTION, f"m{meeting.id}", meeting.channel_key, parse_iso(meeting.created_at), meeting
    )
