"""`admin quiet-hours 18:00-09:00`: when nudges wait for the next working morning, for this
channel or the whole workspace (`off` for none)."""

from __future__ import annotations

from ..admin import AdminRequest, Invalid, SettingField, admin_command, setting_field
from ..model import Reply
from ..schedule import ScheduleError, format_time, parse_quiet_hours
from .replan import replan

SETTING = "nudges.quiet_hours"


def quiet_hours(text: str) -> str:
    """`18:00-09:00` (may pass midnight) → `18:00-09:00`; `off` → `off`."""
    try:
        hours = parse_quiet_hours(text)
    except ScheduleError as err:
        raise Invalid(err.message_id, **err.values) from None
    if hours is None:
        return "off"
    return f"{format_time(hours[0])}-{format_time(hours[1])}"


FIELD = setting_field(
    SettingField(
        setting=SETTING,
        label="nudge.admin.quiet_label",
        hint="nudge.admin.quiet_hint",
        parse=quiet_hours,
        show=lambda value: str(value or "off"),
        example="17:30-09:00",
        order=20,
    )
)


@admin_command(
    "quiet-hours",
    usage=("admin.usage.quiet-hours.1", "admin.usage.quiet-hours.2", "admin.usage.quiet-hours.3"),
    example=(
        "admin.example.quiet-hours.1",
        "admin.example.quiet-hours.2",
        "admin.example.quiet-hours.3",
    ),
    summary="nudge.admin.help.quiet_hours",
    order=31,
)
async def quiet_hours_admin(req: AdminRequest) -> list[Reply]:
    if not req.args:
        current = await req.current(SETTING)
        hours = current or req.say("nudge.admin.quiet_none")
        return req.reply(req.say("nudge.admin.quiet_now", hours=hours))
    try:
        value = quiet_hours(req.args)
    except Invalid as exc:
        raise exc.of_form(0) from None
    old = await req.current(SETTING)
    if old == value:
        return req.done("nudge.admin.quiet_unchanged", hours=value)
    await req.set_setting(SETTING, value)
    await replan(req.ctx.core, req.ctx.ref, everywhere=req.everywhere)
    if value == "off":
        return req.done("nudge.admin.quiet_off")
    return req.done("nudge.admin.quiet_set", hours=value)
