"""\"You said, we did\": a public summary for partners of what was raised, done and dropped
(and why) since a date, on request, once a month, or after each check round (admin setting)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..admin.registry import SettingField, setting_field
from ..admin.validate import Invalid
from ..context import Context
from ..hooks import RoundSpan
from ..marks import one_off
from ..markup import plain
from ..model import Card, ConversationRef, Event, Reply
from ..model import Context as Small
from ..schedule import ChannelSchedule, load_schedule
from ..scheduling.one_off import plan_one_off
from . import records
from .cards import chunks
from .dates import show_day
from .records import DONE, DROPPED, Action

if TYPE_CHECKING:
    from ..services import Services
    from ..store import Doc

SETTING = "actions.summary"
MONTHLY, AFTER_CHECK, OFF = "monthly", "check", "off"
CHOICES = (MONTHLY, AFTER_CHECK, OFF)
MONTH_KIND, ROUND_KIND = "actions_month", "actions_round"
SECTION_LIMIT = 15  # lines per section; the rest are counted
DEFAULT_SINCE = timedelta(days=30)

SETTINGS = {SETTING: MONTHLY}  # declared in `feature.py`


def _summary_choice(text: str) -> str:
    typed = text.strip().lower()
    words = {"monthly": MONTHLY, "month": MONTHLY, "check": AFTER_CHECK, "round": AFTER_CHECK}
    words |= {"off": OFF, "none": OFF, "no": OFF, "after each check round": AFTER_CHECK}
    if typed in words:
        return words[typed]
    raise Invalid("actions.setting.summary_invalid", typed=typed[:40])


FIELD = setting_field(
    SettingField(
        setting=SETTING,
        label="actions.setting.summary_label",
        hint="actions.setting.summary_hint",
        parse=_summary_choice,
        example="monthly",
        order=60,
        choices=(
            (MONTHLY, "actions.setting.summary_monthly"),
            (AFTER_CHECK, "actions.setting.summary_check"),
            (OFF, "actions.setting.summary_off"),
        ),
    )
)


def _section(ctx: Context, header: str, line: str, noted: str, actions: list[Action]) -> list[str]:
    if not actions:
        return []
    lines = [ctx.say(header)]
    for a in actions[:SECTION_LIMIT]:
        if a.note:
            lines.append(ctx.say(noted, text=plain(a.text), note=plain(a.note)))
        else:
            lines.append(ctx.say(line, text=plain(a.text)))
    if len(actions) > SECTION_LIMIT:
        lines.append(ctx.say("actions.summary.more", count=len(actions) - SECTION_LIMIT))
    return lines


def summary_card(
    ctx: Context, actions: list[Action], start: datetime, end: datetime, heading: str
) -> Card:
    """What was raised, done and dropped in (start, end], and how many are still open."""
    said = [a for a in actions if start < datetime.fromisoformat(a.created_at) <= end]
    closed = records.closed_between(actions, start, end)
    done = [a for a in closed if a.status == DONE]
    dropped = [a for a in closed if a.status == DROPPED]
    still_open = [a for a in actions if a.is_open]
    lines: list[str] = [heading]
    if not (said or done or dropped):
        lines.append(ctx.say("actions.summary.nothing"))
    else:
        lines.append(ctx.say("actions.summary.said", count=len(said)))
        lines += _section(
            ctx, "actions.summary.did", "actions.summary.did_line", "actions.summary.did_note", done
        )
        lines += _section(
            ctx,
            "actions.summary.dropped",
            "actions.summary.dropped_line",
            "actions.summary.dropped_note",
            dropped,
        )
    lines.append(ctx.say("actions.summary.open", count=len(still_open)))
    fallback = ctx.say(
        "actions.summary.fallback", done=len(done), dropped=len(dropped), open=len(still_open)
    )
    return Card(
        id="actions.summary",
        title=ctx.say("actions.summary.title"),
        fallback_text=fallback,
        blocks=(*chunks(lines), Small(ctx.say("actions.summary.footer"))),
    )


async def summary_since(ctx: Context, since: date | None) -> Card:
    schedule = await load_schedule(ctx.settings, ctx.ref)
    now = ctx.core.clock.now()
    today = schedule.local(now).date()
    if since is None:
        since = today - DEFAULT_SINCE
    start = schedule.at(since, time(0))
    actions = await records.in_channel(ctx.store, ctx.ref.in_thread(None))
    heading = ctx.say("actions.summary.since", when=show_day(since, today))
    return summary_card(ctx, actions, start - timedelta(microseconds=1), now, heading)


# ---- the monthly post and the post after each check round --------------------------------


def _first_working_start(schedule: ChannelSchedule, day: date) -> datetime:
    return schedule.next_allowed(schedule.at(day, time(10, 0)))


async def plan_month(core: Services, ref: ConversationRef, closed_at: datetime) -> None:
    """An action closed: plan the channel's summary of that month, for the next month's first
    working morning (one slot per channel and month, however many actions close)."""
    schedule = await load_schedule(core.channel_settings, ref)
    local = schedule.local(closed_at).date()
    nxt = date(local.year + local.month // 12, local.month % 12 + 1, 1)
    month = f"{local.year:04d}-{local.month:02d}"
    await plan_one_off(
        core, ref.in_thread(None), MONTH_KIND, month, _first_working_start(schedule, nxt)
    )


@one_off(MONTH_KIND)
async def monthly_post(core: Services, slot: Doc) -> Reply | None:
    ref = await core.conversation(slot["channel_key"])
    if ref is None:
        return None
    ctx = Context(core, Event(ref))
    if await ctx.setting(SETTING) != MONTHLY:
        return None
    year, month = (int(x) for x in str(slot["source"]).split("-"))
    schedule = await load_schedule(core.channel_settings, ref)
    start = schedule.at(date(year, month, 1), time(0))
    last = date(year, month, calendar.monthrange(year, month)[1])
    end = schedule.at(last + timedelta(days=1), time(0))
    actions = await records.in_channel(core.store, ref)
    if not records.closed_between(actions, start, end):
        return None
    heading = ctx.say("actions.summary.month", month=f"{calendar.month_name[month]} {year}")
    return Reply(card=summary_card(ctx, actions, start, end - timedelta(microseconds=1), heading))


async def after_round(ctx: Context, seq: int, closed: str, previous: str | None) -> None:
    """A check round closed: with the setting "after each check round", plan the summary of
    what happened since the previous round, a minute after the results."""
    if await ctx.setting(SETTING) != AFTER_CHECK:
        return
    when = datetime.fromisoformat(closed) + timedelta(minutes=1)
    name = f"{seq}.{previous or 'start'}"
    await plan_one_off(ctx.core, ctx.ref.in_thread(None), ROUND_KIND, name, when)


@one_off(ROUND_KIND)
async def round_post(core: Services, slot: Doc) -> Reply | None:
    ref = await core.conversation(slot["channel_key"])
    if ref is None:
        return None
    ctx = Context(core, Event(ref))
    if await ctx.setting(SETTING) != AFTER_CHECK:
        return None
    _seq, _, previous = str(slot["source"]).partition(".")
    schedule = await load_schedule(core.channel_settings, ref)
    now = core.clock.now()
    actions = await records.in_channel(core.store, ref)
    if previous and previous != "start":
        start = datetime.fromisoformat(previous)
    elif actions:
        start = min(datetime.fromisoformat(a.created_at) for a in actions) - timedelta(seconds=1)
    else:
        return None
    today = schedule.local(now).date()
    heading = ctx.say("actions.summary.since", when=show_day(schedule.local(start).date(), today))
    return Reply(card=summary_card(ctx, actions, start, now, heading))


async def round_closed(ctx: Context, span: RoundSpan) -> None:
    """`ROUND_CLOSED` (`bot/hooks.py`): plan the summary since the round before this one."""
    await after_round(ctx, span.seq, span.closed or "", span.since)
