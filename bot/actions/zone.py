"""A channel's time zone: the one setting the actions need from the nudge schedule."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ..channel_settings import ChannelSettings
from ..model import ConversationRef
from ..schedule import ScheduleError, parse_timezone

FALLBACK = "Europe/London"


async def channel_zone(settings: ChannelSettings, ref: ConversationRef) -> ZoneInfo:
    try:
        return parse_timezone(str(await settings.get(ref, "timezone")))
    except ScheduleError:
        return ZoneInfo(FALLBACK)
