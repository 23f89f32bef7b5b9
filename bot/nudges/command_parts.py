"""What the nudge commands share: times in the channel's zone, errors, the change record."""

from __future__ import annotations

from datetime import datetime

from ..admin.audit import AuditLog, Said
from ..context import Context
from ..model import Reply
from ..schedule import (
    DAY_NAMES,
    ChannelSchedule,
    ScheduleError,
)
from .service import nudges_for


def local_time(schedule: ChannelSchedule, when: datetime) -> str:
    """`Tue 6 Jan, 10:05` in the channel's time zone."""
    local = schedule.local(when)
    return f"{DAY_NAMES[local.weekday()]} {local.day} {local:%b}, {local:%H:%M}"


def error_reply(ctx: Context, err: ScheduleError) -> list[Reply]:
    return [ctx.reply(ctx.say(err.message_id, **err.values), private=True)]


def channel_only(ctx: Context) -> list[Reply] | None:
    if ctx.ref.is_direct:
        return [ctx.reply(ctx.say("nudge.channel_only"), private=True)]
    return None


async def record_change(ctx: Context, what: Said, old: object, new: object) -> None:
    """Members may pause or stop their channel's nudges (decision in docs/nudges.md); each such
    change is recorded in the workspace's change record (`admin audit`) with who made it."""
    if ctx.user is None:
        return
    await AuditLog(ctx.store, ctx.core.pack).record(
        ctx.ref.in_thread(None),
        by=f"{ctx.ref.platform}:{ctx.user.id}",
        at=ctx.core.clock.now(),
        everywhere=False,
        what=what,
        old=old,
        new=new,
    )


async def plan_channel(ctx: Context) -> None:
    """Plan the channel's new sources (cheap: existing slots stay as they are)."""
    await nudges_for(ctx.core).planner.ensure_channel(ctx.ref.in_thread(None), ctx.core.clock.now())
