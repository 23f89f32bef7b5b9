"""`meeting add|list|remove|ended …`, the overnight-meeting button and the meeting-end listener."""

from __future__ import annotations

import logging

from ..context import Context
from ..marks import action, command, on
from ..markup import plain
from ..model import Button, Buttons, Card, MeetingEnded, Reply, Text
from ..model import Context as Small
from ..schedule import (
    ScheduleError,
    format_time,
    load_schedule,
)
from .command_parts import channel_only, plan_channel
from .meetings import (
    OVERNIGHT,
    MeetingSpec,
    add_meeting,
    list_meetings,
    parse_meeting,
    remove_meeting,
)
from .planner import meeting_source
from .service import nudges_for
from .triggers import reflect_now

log = logging.getLogger("bot.nudges.commands")
OVERNIGHT_ACTION = "nudges.meeting_overnight"
MAX_TEXT = 400  # what a `meeting add` button carries back (a name is at most 80 characters)


@command("meeting", group="meetings", example="help.example.meeting")
async def meeting_command(ctx: Context, args: str) -> list[Reply]:
    sub, _, rest = args.strip().partition(" ")
    sub = sub.lower()
    if sub == "ended":
        return await _meeting_ended(ctx, rest.strip())
    refusal = channel_only(ctx)
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
    await plan_channel(ctx)
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
