"""`admin reminders <day> <HH:MM>` / `admin reminders off`: when the principle of the week and
the check reminder come, for this channel or the whole workspace, or stop them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from ..admin import AdminRequest, Invalid, SettingField, admin_command, said, setting_field
from ..model import Reply
from ..schedule import (
    DAY_NAMES,
    ChannelSchedule,
    ScheduleError,
    format_time,
    load_schedule,
    parse_days,
    parse_time,
)
from .replan import replan

ENABLED, DAY, TIME = "nudges.reminders", "nudges.weekly_day", "nudges.weekly_time"
OFF_WORDS = ("off", "stop", "none", "no")


def reminder_day(text: str) -> int:
    """One weekday (`Wed`, `wednesday`) → its number, Monday 0."""
    try:
        days = parse_days(text)
    except ScheduleError as err:
        raise Invalid(err.message_id, **err.values) from None
    if len(days) != 1:
        raise Invalid("nudge.admin.one_day", typed=text.strip()[:40])
    return days[0]


def reminder_time(text: str) -> str:
    """`9:30` → `09:30` (24-hour clock)."""
    try:
        return format_time(parse_time(text))
    except ScheduleError as err:
        raise Invalid(err.message_id, **err.values) from None


def show_day(value: Any) -> str:
    try:
        return DAY_NAMES[int(value)]
    except (TypeError, ValueError, IndexError):
        return str(value)


def describe(enabled: Any, day: Any, at: Any) -> str:
    """`Wed 10:00`, or `off`: how the audit log and the replies show the reminders."""
    if enabled is False:
        return "off"
    return f"{show_day(day)} {at}"


FIELD = setting_field(
    SettingField(
        setting=DAY,
        label="nudge.admin.day_label",
        hint="nudge.admin.reminders_hint",
        parse=reminder_day,
        show=show_day,
        example="Mon",
        order=30,
    )
)
FIELD_2 = setting_field(
    SettingField(
        setting=TIME,
        label="nudge.admin.time_label",
        hint="nudge.admin.time_hint",
        parse=reminder_time,
        example="09:30",
        order=31,
    )
)


@admin_command(
    "reminders",
    usage=("admin.usage.reminders.1", "admin.usage.reminders.2", "admin.usage.reminders.3"),
    example=("admin.example.reminders.1", "admin.example.reminders.2", "admin.example.reminders.3"),
    summary="nudge.admin.help.reminders",
    order=30,
)
async def reminders_admin(req: AdminRequest) -> list[Reply]:
    old = (await req.current(ENABLED), await req.current(DAY), await req.current(TIME))
    words = req.args.split()
    if not words:
        return req.reply(req.say("nudge.admin.reminders_now", when=describe(*old)))
    if len(words) == 1 and words[0].lower() in OFF_WORDS:
        new: tuple[Any, Any, Any] = (False, old[1], old[2])
    elif len(words) == 1 and words[0].lower() == "on":
        new = (True, old[1], old[2])
    elif len(words) == 2:
        try:
            day = reminder_day(words[0])
            at = reminder_time(words[1])
        except Invalid as exc:
            raise exc.of_form(0) from None
        new = (True, day, at)
    else:
        raise Invalid("nudge.admin.reminders_form", typed=req.args[:60]).of_form(0)
    if new == old:
        return req.done("nudge.admin.reminders_unchanged", when=describe(*new))
    ctx = req.ctx
    for name, before, after in zip((ENABLED, DAY, TIME), old, new, strict=True):
        if before != after:
            await ctx.settings.set(ctx.ref, name, after, channel=req.channel)
    await req.record(said("admin.audit.what.reminders"), describe(*old), describe(*new))
    await replan(ctx.core, ctx.ref, everywhere=req.everywhere)
    if new[0] is False:
        return req.done("nudge.admin.reminders_off")
    done = req.done("nudge.admin.reminders_set", when=describe(*new))
    note = when_really(req, await load_schedule(ctx.settings, ctx.ref), int(new[1]), new[2])
    if note:
        done[0] = replace(done[0], text=f"{done[0].text}\n{note}")
    return done


def when_really(req: AdminRequest, schedule: ChannelSchedule, day: int, at: str) -> str:
    """A one-line note when the chosen day or time is outside working time here (a day off,
    or inside quiet hours): when the reminders will really post. "" when they post as set."""
    now = req.ctx.core.clock.now()
    today = schedule.local(now).date()
    first = today + timedelta(days=(day - today.weekday()) % 7)
    nominal = schedule.at(first, parse_time(at))
    if not schedule.is_quiet(nominal):
        return ""
    moved = schedule.local(schedule.next_allowed(nominal))
    then = f"{DAY_NAMES[moved.weekday()]} {moved:%H:%M}"
    if day not in schedule.working_days:
        return req.say("nudge.admin.reminders_day_off", day=DAY_NAMES[day], then=then)
    assert schedule.quiet is not None
    hours = f"{format_time(schedule.quiet[0])}–{format_time(schedule.quiet[1])}"
    return req.say("nudge.admin.reminders_quiet", at=at, hours=hours, then=then)
