"""`admin timezone <IANA zone>`: the time zone of this channel or the whole workspace."""

from __future__ import annotations

from ...changes import SettingsChanged
from ...model import Reply
from ..registry import SettingField, admin_command, setting_field
from ..request import AdminRequest
from ..validate import timezone

SETTING = "timezone"

FIELD = setting_field(
    SettingField(
        setting=SETTING,
        label="admin.settings.timezone",
        hint="admin.settings.timezone_hint",
        parse=timezone,
        example="Europe/London",
        order=10,
    )
)


@admin_command(
    "timezone",
    usage="admin.usage.timezone.1",
    example=("admin.example.timezone.1", "admin.example.timezone.2"),
    order=20,
)
async def timezone_admin(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    if not req.args:
        found = await ctx.settings.resolve(ctx.ref, SETTING)
        return req.reply(
            req.say(
                "admin.timezone.current",
                zone=found.value,
                source=ctx.say(f"admin.source.{found.source}"),
            )
        )
    zone = timezone(req.args)
    old = await req.set_setting(SETTING, zone)
    if old == zone:
        return req.done("admin.timezone.unchanged", zone=zone)
    event = SettingsChanged(ctx.ref, ctx.user, (SETTING,), req.everywhere)
    await ctx.core.announce(ctx, event)  # planned nudges move with the time zone
    return req.done("admin.timezone.set", zone=zone)
