"""`meeting …`, `nudges …` and `reflect [1-8]`, the pause and vote buttons, the meeting-end
listener and the `forget me` eraser."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from ..admin.audit import AuditLog
from ..context import Context
from ..markup import plain
from ..model import Button, Buttons, Card, Fields, MeetingEnded, Reply, Text
from ..model import Context as Small
from ..registry import action, command, eraser, on
from ..store import Store
from . import tallies
from .cards import VOTES
from .meetings import (
    OVERNIGHT,
    MeetingSpec,
    add_meeting,
    list_meetings,
    parse_meeting,
    remove_meeting,
)
from .planner import REFLECTION, meeting_source
from .schedule import (
    DAY_NAMES,
    ChannelSchedule,
    ScheduleError,
    format_days,
    format_time,
    load_schedule,
    parse_duration,
)
from .service import nudges_for
from .slots import iso
from .state import posted_today
from .triggers import reflect_now

log = logging.getLogger(__name__)
VOTES_TABLE = "nudge_votes"
VOTERS_TABLE = "nudge_voters"
OVERNIGHT_ACTION = "nudges.meeting_overnight"
MAX_TEXT = 400  # what a `meeting add` button carries back (a name is at most 80 characters)


def _local(schedule: ChannelSchedule, when: datetime) -> str:
    """`Tue 6 Jan, 10:05` in the channel's time zone."""
    local = schedule.local(when)
    return f"{DAY_NAMES[local.weekday()]} {local.day} {local:%b}, {local:%H:%M}"


def _error(ctx: Context, err: ScheduleError) -> list[Reply]:
    return [ctx.reply(ctx.say(err.message_id, **err.values), private=True)]


def _channel_only(ctx: Context) -> list[Reply] | None:
    if ctx.ref.is_direct:
        return [ctx.reply(ctx.say("nudge.channel_only"), private=True)]
    return None


async def _record(ctx: Context, what: str, old: object, new: object) -> None:
    """Members may pause or stop their channel's nudges (decision in docs/nudges.md); each such
    change is recorded in the workspace's change record (`admin audit`) with who made it."""
    if ctx.user is None:
        return
    await AuditLog(ctx.store).record(
        ctx.ref.in_thread(None),
        by=f"{ctx.ref.platform}:{ctx.user.id}",
        at=ctx.core.clock.now(),
        everywhere=False,
        what=what,
        old=old,
        new=new,
    )


async def _plan(ctx: Context) -> None:
    """Plan the channel's new sources (cheap: existing slots stay as they are)."""
    await nudges_for(ctx.core).planner.ensure_channel(ctx.ref.in_thread(None), ctx.core.clock.now())


# ---- meeting ----------------------------------------------------------------------------------


@command("meeting", group="meetings", example="/coprod meeting add Team catch-up Tue 10:00-11:00")
async def meeting_command(ctx: Context, args: str) -> list[Reply]:
    sub, _, rest = args.strip().partition(" ")
    sub = sub.lower()
    if sub == "ended":
        return await _meeting_ended(ctx, rest.strip())
    refusal = _channel_only(ctx)
    if refusal:
        return refusal
    if sub == "add":
        return await _meeting_add(ctx, rest)
    if sub in ("list", "ls", ""):
        return await _meeting_list(ctx)
    if sub in ("remove", "delete", "rm"):
        return await _meeting_remove(ctx, rest.strip())
    return [ctx.reply(ctx.say("nudge.meeting.usage"), private=True)]


async def _meeting_add(ctx: Context, text: str) -> list[Reply]:
    try:
        spec = parse_meeting(text)
    except ScheduleError as err:
        form = ctx.say("nudge.meeting.form")
        if err.message_id == "nudge.meeting.form":
            return [ctx.reply(form, private=True)]
        return [ctx.reply(ctx.say(err.message_id, **err.values) + "\n" + form, private=True)]
    if spec.unclear:
        return [ctx.reply(card=_overnight_card(ctx, spec, text), private=True)]
    now = ctx.core.clock.now()
    meeting = await add_meeting(ctx.store, ctx.ref.in_thread(None), spec, now)
    if meeting is None:
        return [ctx.reply(ctx.say("nudge.meeting.full"), private=True)]
    await _plan(ctx)
    delay = (await load_schedule(ctx.settings, ctx.ref)).meeting_delay
    return [
        ctx.reply(
            ctx.say(
                "nudge.meeting.added",
                id=meeting.id,
                name=plain(meeting.name),
                when=meeting.describe(),
                minutes=int(delay.total_seconds() // 60),
            )
        )
    ]


def _overnight_card(ctx: Context, spec: MeetingSpec, text: str) -> Card:
    """It ends before it starts: does it run overnight? Yes adds it; No shows the form."""
    question = ctx.say(
        "nudge.meeting.overnight_question",
        name=plain(spec.name),
        start=format_time(spec.start),
        end=format_time(spec.end),
    )
    value = {"text": text[:MAX_TEXT]}
    return Card(
        id="nudge.meeting_overnight",
        title=ctx.say("nudge.meeting.overnight_title"),
        fallback_text=question + " " + ctx.say("nudge.meeting.overnight_typed"),
        blocks=(
            Text(question),
            Buttons(
                (
                    Button(
                        ctx.say("nudge.meeting.overnight_yes"),
                        OVERNIGHT_ACTION,
                        {**value, "yes": "1"},
                    ),
                    Button(
                        ctx.say("nudge.meeting.overnight_no"),
                        OVERNIGHT_ACTION,
                        {**value, "yes": ""},
                    ),
                )
            ),
            Small(ctx.say("nudge.meeting.overnight_typed")),
        ),
    )


@action(OVERNIGHT_ACTION)
async def overnight_button(ctx: Context) -> list[Reply]:
    """The answer to "does it run overnight?": Yes adds the meeting as typed plus `overnight`."""
    value = getattr(ctx.event, "value", {})
    text = str(value.get("text", ""))[:MAX_TEXT]
    if not value.get("yes"):
        return [ctx.reply(ctx.say("nudge.meeting.overnight_fix"), private=True, replace_card=True)]
    return await _meeting_add(ctx, f"{text} {OVERNIGHT}")


async def _meeting_list(ctx: Context) -> list[Reply]:
    meetings = await list_meetings(ctx.store, ctx.ref)
    if not meetings:
        return [ctx.reply(ctx.say("nudge.meeting.none"), private=True)]
    lines = [f"- **{m.id}.** {plain(m.name)}: {m.describe()}" for m in meetings]
    title = ctx.say("nudge.meeting.list_title")
    card = Card(
        id="nudge.meetings",
        title=title,
        fallback_text=title + "\n" + "\n".join(lines),
        blocks=(
            Text("\n".join(lines)),
            Small(ctx.say("nudge.meeting.list_help", id=meetings[0].id)),
        ),
    )
    return [ctx.reply(card=card, private=True)]


async def _meeting_remove(ctx: Context, meeting_id: str) -> list[Reply]:
    meeting_id = meeting_id.lstrip("#")
    if not meeting_id.isdigit():
        return [ctx.reply(ctx.say("nudge.meeting.remove_which"), private=True)]
    removed = await remove_meeting(ctx.store, ctx.ref, meeting_id)
    if removed is None:
        return [ctx.reply(ctx.say("nudge.meeting.not_found", id=meeting_id), private=True)]
    await nudges_for(ctx.core).planner.drop_source(meeting_source(removed))
    return [ctx.reply(ctx.say("nudge.meeting.removed", id=removed.id, name=plain(removed.name)))]


async def _meeting_ended(ctx: Context, name: str) -> list[Reply]:
    outcome = await reflect_now(ctx, trigger="ended", meeting=name)
    if outcome.posted:
        return []
    if outcome.reply is not None:
        return [outcome.reply]
    return [ctx.reply(ctx.say(f"nudge.ended.{outcome.reason}"), private=True)]


@on(MeetingEnded)
async def meeting_ended_event(ctx: Context) -> list[Reply]:
    event = ctx.event
    assert isinstance(event, MeetingEnded)
    outcome = await reflect_now(
        ctx, trigger="ended", meeting_id=event.meeting_id, meeting=event.title
    )
    if outcome.posted:
        return []
    if outcome.reply is None:
        log.info("No reflection after meeting end in %s: %s", ctx.ref.channel, outcome.reason)
        return []
    return [outcome.reply]


# ---- reflect -----------------------------------------------------------------------------------


@command("reflect", group="meetings", example="/coprod reflect 4")
async def reflect_command(ctx: Context, args: str) -> list[Reply]:
    words = args.strip().lstrip("#").lower().removeprefix("p")
    principle = None
    if words:
        if words not in {str(n) for n in range(1, 9)}:
            return [ctx.reply(ctx.say("nudge.reflect.which"), private=True)]
        principle = int(words)
    outcome = await reflect_now(ctx, trigger="asked", principle=principle)
    if outcome.posted:
        return []
    if outcome.reply is None:  # every name for this instant taken (never in practice)
        return [ctx.reply(ctx.say("nudge.ended.duplicate"), private=True)]
    return [outcome.reply]


# ---- nudges ------------------------------------------------------------------------------------


@command("nudges", group="meetings", example="/coprod nudges pause 2w")
async def nudges_command(ctx: Context, args: str) -> list[Reply]:
    refusal = _channel_only(ctx)
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
        await _record(ctx, "nudges resume", f"paused until {old}" if old else "", "resumed")
        return [ctx.reply(ctx.say("nudge.resumed"))]
    if sub == "off":
        old = await ctx.settings.set(ref, "nudges.enabled", False)
        await _record(ctx, "nudges off", "on" if old is not False else "off", "off")
        return [ctx.reply(ctx.say("nudge.off"))]
    if sub == "on":
        old = await ctx.settings.set(ref, "nudges.enabled", True)
        await ctx.settings.set(ref, "nudges.paused_until", None)
        await _record(ctx, "nudges on", "on" if old is not False else "off", "on")
        await nudges_for(ctx.core).planner.ensure_channel(ref, now)
        return [ctx.reply(ctx.say("nudge.on"))]
    return [ctx.reply(ctx.say("nudge.usage"), private=True)]


async def _pause(ctx: Context, text: str) -> list[Reply]:
    try:
        length = parse_duration(text)
    except ScheduleError as err:
        return _error(ctx, err)
    until = ctx.core.clock.now() + length
    old = await ctx.settings.set(ctx.ref.in_thread(None), "nudges.paused_until", iso(until))
    await _record(
        ctx, "nudges pause", f"paused until {old}" if old else "", f"paused until {iso(until)}"
    )
    schedule = await load_schedule(ctx.settings, ctx.ref)
    return [ctx.reply(ctx.say("nudge.paused", until=_local(schedule, until)))]


async def settings_card(ctx: Context) -> Card:
    ref = ctx.ref.in_thread(None)
    now = ctx.core.clock.now()
    schedule = await load_schedule(ctx.settings, ref)
    if not schedule.enabled:
        status = ctx.say("nudge.status.off")
    elif schedule.paused(now):
        assert schedule.paused_until is not None
        status = ctx.say("nudge.status.paused", until=_local(schedule, schedule.paused_until))
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
        lines.append(f"- {_local(schedule, due)}: {what}")
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


# ---- buttons -----------------------------------------------------------------------------------


@action("nudges.pause")
async def pause_button(ctx: Context) -> list[Reply]:
    value = ctx.event.value if hasattr(ctx.event, "value") else {}
    return await _pause(ctx, str(value.get("for", "2w")))


@action("nudges.vote")
async def vote_button(ctx: Context) -> list[Reply]:
    """Count a Yes / Partly / No / Rather not say anonymously: counts only, per channel and
    question. A salted code of the person, per nudge and question, stops a second vote; it
    records nothing of the answer."""
    value = getattr(ctx.event, "value", {})
    answer, question, nudge = value.get("v"), value.get("q", ""), value.get("nudge", "")
    if answer not in VOTES or not question or not nudge or not _prompt_id(question):
        return [ctx.reply(ctx.say("error.unknown_action"), private=True)]
    state = await tallies.vote_state(ctx.store, ctx.ref, nudge, question)
    if state != tallies.OPEN:
        message = "nudge.vote.closed" if state == tallies.CLOSED else "error.unknown_action"
        return [ctx.reply(ctx.say(message), private=True)]
    code = await ctx.user_code("nudge-vote")
    voter = {"scope": ctx.ref.scope, "code": code, "at": iso(ctx.core.clock.now())}
    voter_key = f"{ctx.ref.scope}|{nudge}|{question}|{code}"
    if not await ctx.store.add(VOTERS_TABLE, voter_key, voter):
        return [ctx.reply(ctx.say("nudge.vote.again"), private=True)]
    key = f"{ctx.ref.channel_key}|{question}"
    await _count(ctx.store, key, ctx.ref.scope, ctx.ref.channel_key, question, answer)
    await tallies.count(ctx.store, ctx.ref, nudge, question, answer)
    return [ctx.reply(ctx.say("nudge.vote.thanks"), private=True)]


def _prompt_id(text: str) -> bool:
    """Shaped like a prompt id (shipped `p4.reflection.2`, admin-added `p4.reflection.a7`, or
    a pack's own)."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_.-]{1,80}", text))


async def _count(
    store: Store, key: str, scope: str, channel_key: str, question: str, answer: str
) -> None:
    await store.add(
        VOTES_TABLE,
        key,
        {
            "scope": scope,
            "channel_key": channel_key,
            "question": question,
            **dict.fromkeys(VOTES, 0),
        },
    )
    while True:
        doc = await store.get(VOTES_TABLE, key)
        assert doc is not None
        seen = doc.get(answer)  # counts from before "Rather not say" have no "skip"
        if await store.update(VOTES_TABLE, key, {answer: (seen or 0) + 1}, expect={answer: seen}):
            return


@eraser
async def erase_voter_codes(ctx: Context) -> int:
    """`forget me`: drop the codes that stopped this person voting twice (counts stay)."""
    if ctx.user is None:
        return 0
    code = await ctx.user_code("nudge-vote")
    return await ctx.store.delete_where(VOTERS_TABLE, code=code)
