"""`nudges [pause|resume|off|on]`, the channel's nudge settings card and the pause button."""

from __future__ import annotations

from ..admin import said
from ..admin.audit import Said
from ..context import Context
from ..marks import action, command
from ..markup import plain
from ..model import Card, Fields, Reply, Text
from ..model import Context as Small
from ..schedule import (
    DAY_NAMES,
    ScheduleError,
    format_days,
    format_time,
    load_schedule,
    parse_duration,
)
from ..scheduling.channel_memory import posted_today
from ..scheduling.slots import iso
from .command_parts import channel_only, error_reply, local_time, record_change
from .meeting import OVERNIGHT_ACTION as OVERNIGHT_ACTION  # still importable from here
from .planner import REFLECTION
from .service import nudges_for


@command("nudges", group="meetings", example="help.example.nudges")
async def nudges_command(ctx: Context, args: str) -> list[Reply]:
    refusal = channel_only(ctx)
    if refusal:
        return refusal
    sub, _, rest = args.strip().lower().partition(" ")
    now = ctx.core.clock.now()
    ref = ctx.ref.in_thread(None)
    if sub == "":
        return [ctx.reply(card=await settings_card(ctx), private=True)]
    if sub == "pause":
        return await _pause(ctx, rest.strip() or "2w")
    if sub in ("resume", "unpause"):
        old = await ctx.settings.set(ref, "nudges.paused_until", None)
        await record_change(
            ctx,
            said("admin.audit.what.nudges_resume"),
            _paused(old),
            said("admin.audit.value.resumed"),
        )
        return [ctx.reply(ctx.say("nudge.resumed"))]
    if sub == "off":
        old = await ctx.settings.set(ref, "nudges.enabled", False)
        await record_change(
            ctx, said("admin.audit.what.nudges_off"), "on" if old is not False else "off", "off"
        )
        return [ctx.reply(ctx.say("nudge.off"))]
    if sub == "on":
        old = await ctx.settings.set(ref, "nudges.enabled", True)
        await ctx.settings.set(ref, "nudges.paused_until", None)
        await record_change(
            ctx, said("admin.audit.what.nudges_on"), "on" if old is not False else "off", "on"
        )
        await nudges_for(ctx.core).planner.ensure_channel(ref, now)
        return [ctx.reply(ctx.say("nudge.on"))]
    return [ctx.reply(ctx.say("nudge.usage"), private=True)]


def _paused(until: object) -> Said | str:
    """An audit value: "paused until …", or nothing when nudges were not paused."""
    return said("admin.audit.value.paused_until", until=until) if until else ""


async def _pause(ctx: Context, text: str) -> list[Reply]:
    try:
        length = parse_duration(text)
    except ScheduleError as err:
        return error_reply(ctx, err)
    until = ctx.core.clock.now() + length
    old = await ctx.settings.set(ctx.ref.in_thread(None), "nudges.paused_until", iso(until))
    await record_change(
        ctx, said("admin.audit.what.nudges_pause"), _paused(old), _paused(iso(until))
    )
    schedule = await load_schedule(ctx.settings, ctx.ref)
    return [ctx.reply(ctx.say("nudge.paused", until=local_time(schedule, until)))]


async def settings_card(ctx: Context) -> Card:
    ref = ctx.ref.in_thread(None)
    now = ctx.core.clock.now()
    schedule = await load_schedule(ctx.settings, ref)
    if not schedule.enabled:
        status = ctx.say("nudge.status.off")
    elif schedule.paused(now):
        assert schedule.paused_until is not None
        status = ctx.say("nudge.status.paused", until=local_time(schedule, schedule.paused_until))
    else:
        status = ctx.say("nudge.status.on")
    quiet = (
        f"{format_time(schedule.quiet[0])}–{format_time(schedule.quiet[1])}"
        if schedule.quiet
        else ctx.say("nudge.settings.none")
    )
    check = (
        ctx.say("nudge.settings.check_every", weeks=schedule.check_every_weeks)
        if schedule.check_every_weeks
        else ctx.say("nudge.settings.none")
    )
    today = await posted_today(ctx.store, ref.channel_key, schedule.local_day(now))
    fields = (
        (ctx.say("nudge.settings.status"), status),
        (ctx.say("nudge.settings.timezone"), schedule.tz.key),
        (ctx.say("nudge.settings.working_days"), format_days(tuple(schedule.working_days))),
        (ctx.say("nudge.settings.quiet_hours"), quiet),
        (
            ctx.say("nudge.settings.daily_cap"),
            ctx.say("nudge.settings.cap_value", cap=schedule.daily_cap, today=today),
        ),
        (
            ctx.say("nudge.settings.delay"),
            ctx.say(
                "nudge.settings.minutes", minutes=int(schedule.meeting_delay.total_seconds() // 60)
            ),
        ),
        (
            ctx.say("nudge.settings.weekly"),
            f"{DAY_NAMES[schedule.weekly_day]} {format_time(schedule.weekly_time)}",
        ),
        (ctx.say("nudge.settings.check"), check),
    )
    upcoming = await nudges_for(ctx.core).planner.preview(ref, now)
    lines = []
    for due, source in upcoming:
        if source.kind == REFLECTION and source.meeting is not None:
            what = ctx.say("nudge.next.reflection", meeting=plain(source.meeting.name))
        else:
            what = ctx.say(f"nudge.next.{source.kind}")
        lines.append(f"- {local_time(schedule, due)}: {what}")
    next_text = (
        ctx.say("nudge.next.title")
        + "\n"
        + ("\n".join(lines) if lines else ctx.say("nudge.next.none"))
    )
    if not schedule.enabled or schedule.paused(now):
        next_text += "\n" + ctx.say("nudge.next.held")
    title = ctx.say("nudge.settings.title")
    return Card(
        id="nudge.settings",
        title=title,
        fallback_text=f"{title}: {status}",
        blocks=(Fields(fields), Text(next_text), Small(ctx.say("nudge.settings.help"))),
    )


@action("nudges.pause")
async def pause_button(ctx: Context) -> list[Reply]:
    value = ctx.event.value if hasattr(ctx.event, "value") else {}
    return await _pause(ctx, str(value.get("for", "2w")))
