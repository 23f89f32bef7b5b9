"""Dates as the check tells them: in the channel's time zone, in plain words."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from ..context import Context


async def in_words(ctx: Context, moment: datetime | str) -> str:
    """`Monday 12 January at 09:30`, in this channel's time zone."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    try:
        zone = ZoneInfo(str(await ctx.setting("timezone")))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(ctx.core.settings.COPROD_TIMEZONE)
    local = when.astimezone(zone)
    return ctx.say(
        "date.when",
        weekday=ctx.say(f"date.weekday.{local.weekday()}"),
        day=local.day,
        month=ctx.say(f"date.month.{local.month}"),
        time=local.strftime("%H:%M"),
    )
