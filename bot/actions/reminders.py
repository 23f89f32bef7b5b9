"""The owner's private reminders: the working day before an action is due, and the day it
becomes overdue, at the start of the channel's working time.

Each reminder is a one-off slot (`bot.scheduling.one_off`), named by the
action's number, its due date and which reminder it is, so a changed date plans new slots and
the old ones find nothing to say. When a reminder falls due the handler checks that the action
is still open, still due that day and still has an owner; it counts against the channel's daily
nudge cap, and when the cap is reached or the time is outside working hours it moves to the
next working time instead."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..marks import one_off
from ..markup import plain
from ..model import ConversationRef, Reply, User, Visibility
from ..schedule import ChannelSchedule, load_schedule
from ..scheduling.channel_memory import change
from ..scheduling.one_off import plan_one_off
from . import records
from .cards import reminder_card

if TYPE_CHECKING:
    from ..services import Services
    from ..store import Doc

KIND = "action_due"
BEFORE, OVERDUE = "before", "overdue"
DAY_STARTS = time(9, 0)  # the start of a working day, unless quiet hours end later
MOVES = 3  # a reminder held back by the cap moves to the next working day at most this often


def _start_of(schedule: ChannelSchedule, day: date) -> datetime:
    return schedule.next_allowed(schedule.at(day, DAY_STARTS))


def previous_working_day(schedule: ChannelSchedule, day: date) -> date | None:
    for back in range(1, 8):
        candidate = day - timedelta(days=back)
        if candidate.weekday() in schedule.working_days:
            return candidate
    return None


def reminder_times(
    schedule: ChannelSchedule, due: date, now: datetime
) -> list[tuple[str, datetime]]:
    """(which, when) for the reminders still ahead of `now` for an action due on `due`."""
    out: list[tuple[str, datetime]] = []
    before = previous_working_day(schedule, due)
    if before is not None:
        when = _start_of(schedule, before)
        if when < now:
            when = schedule.next_allowed(now)
        if schedule.local(when).date() == before:
            out.append((BEFORE, when))
    out.append((OVERDUE, max(_start_of(schedule, due + timedelta(days=1)), now)))
    return out


def _name(action: records.Action, which: str, move: int = 0) -> str:
    base = f"{action.number}.{action.due}.{which}"
    return base if not move else f"{base}.{move}"


async def plan_reminders(core: Services, ref: ConversationRef, action: records.Action) -> int:
    """Plan the reminders of an open action with a due date; how many were newly planned."""
    if not action.is_open or not action.due:
        return 0
    ref = ref.in_thread(None)
    schedule = await load_schedule(core.channel_settings, ref)
    planned = 0
    for which, when in reminder_times(schedule, date.fromisoformat(action.due), core.clock.now()):
        if await plan_one_off(core, ref, KIND, _name(action, which), when):
            planned += 1
    return planned


def _parse(source: str) -> tuple[int, str, str, int] | None:
    parts = source.split(".")
    if len(parts) not in (3, 4) or not parts[0].isdigit():
        return None
    move = int(parts[3]) if len(parts) == 4 and parts[3].isdigit() else 0
    return int(parts[0]), parts[1], parts[2], move


@one_off(KIND)
async def send_reminder(core: Services, slot: Doc) -> Reply | None:
    """The owner's reminder, or None when there is nothing to remind of any more."""
    parsed = _parse(str(slot.get("source", "")))
    ref = await core.conversation(slot["channel_key"])
    if parsed is None or ref is None:
        return None
    number, due, which, move = parsed
    action = await records.get(core.store, ref, number)
    if action is None or not action.is_open or action.due != due or not action.owner:
        return None
    schedule = await load_schedule(core.channel_settings, ref)
    now = core.clock.now()
    allowed = schedule.next_allowed(now)
    if allowed > now or not await change(
        core.store,
        ref,
        now,
        {},
        key=slot["_key"],
        day=schedule.local_day(now),
        cap=schedule.daily_cap,
    ):
        if move < MOVES:
            tomorrow = schedule.local(now).date() + timedelta(days=1)
            later = allowed if allowed > now else _start_of(schedule, tomorrow)
            await plan_one_off(core, ref, KIND, _name(action, which, move + 1), later)
        return None
    today = schedule.local(now).date()
    channel = ref.channel_name and f"#{plain(ref.channel_name, limit=80)}"
    card = reminder_card(
        core.pack, action, channel or core.pack.say("actions.reminder.this_channel"), which, today
    )
    owner = User(action.owner, action.owner_name)
    return Reply(card=card, visibility=Visibility.PRIVATE, recipient=owner)
