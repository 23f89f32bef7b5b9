"""What the action commands, the form and the buttons do, once: every value is checked before
anything is stored, and each change is one compare-and-set write."""

from __future__ import annotations

from datetime import date

from ..context import Context
from ..markup import plain
from ..model import ConversationRef, Reply
from ..scheduling.slots import iso
from . import checks, records
from .cards import added_card, principle_name
from .dates import show_day
from .principle import suggest
from .problems import Refused
from .records import DONE, DROPPED, MAX_OPEN, Action
from .reminders import plan_reminders
from .summary import plan_month

ADD_FORM = "actions.form.add"
CREATOR = "action-creator"  # the purpose of the salted code kept of who created an action


def refusal(ctx: Context, exc: Refused, *, intro: str = "") -> Reply:
    values = {k: plain(str(v), limit=120) for k, v in exc.values.items()}
    lines = [intro] if intro else []
    lines.append(ctx.say(exc.message_id, **values))
    if exc.form:
        lines.append(ctx.say(exc.form))
    return ctx.reply("\n".join(lines), private=True)


def channel_only(ctx: Context) -> None:
    if ctx.ref.is_direct:
        raise Refused("actions.error.channel_only")


async def create(
    ctx: Context,
    typed_text: str,
    *,
    owner: str | None = None,
    due: str | None = None,
    principle: int | None = None,
    bad_principle: str | None = None,
) -> tuple[Action, Reply]:
    """Check everything, then store one new action; (the action, the public card)."""
    channel_only(ctx)
    ref = ctx.ref.in_thread(None)
    text = checks.text_of(typed_text, form=ADD_FORM)
    if bad_principle is not None:
        raise Refused("actions.error.bad_principle", form=ADD_FORM, typed=f"p{bad_principle}")
    who = checks.owner_of(ctx, owner, form=ADD_FORM) if owner else None
    when = await checks.due_of(ctx, due, form=ADD_FORM) if due else None
    if (
        await ctx.store.count(records.TABLE, channel_key=ref.channel_key, status=records.OPEN)
        >= MAX_OPEN
    ):
        raise Refused("actions.error.full", limit=MAX_OPEN)
    how = "given" if principle else "suggested"
    if principle is None:
        principle = suggest(ctx.pack, text)
        how = "suggested" if principle else "none"
    creator = await ctx.user_code(CREATOR) if ctx.user is not None else ""
    draft = Action(
        scope=ref.scope,
        channel_key=ref.channel_key,
        number=0,
        text=text,
        created_at=iso(ctx.core.clock.now()),
        creator=creator,
        owner=who.id if who else None,
        owner_name=who.name if who else "",
        due=when.isoformat() if when else None,
        principle=principle,
    )
    action = await records.create(ctx.store, ref, draft)
    await plan_reminders(ctx.core, ref, action)
    today = await checks.today(ctx)
    notes = _added_notes(ctx, action, how, due, today)
    return action, ctx.reply(card=added_card(ctx, action, notes, today))


def _added_notes(
    ctx: Context, action: Action, how: str, typed_due: str | None, today: date
) -> list[str]:
    n = action.number
    notes = []
    if ctx.user is not None:
        who = plain(ctx.user.name or ctx.user.id, limit=80)
        notes.append(ctx.say("actions.added.by", who=who))
    if action.principle:
        title = principle_name(ctx.pack, action.principle)
        key = (
            "actions.added.principle_given"
            if how == "given"
            else "actions.added.principle_suggested"
        )
        notes.append(ctx.say(key, number=action.principle, title=title, action=n))
    else:
        notes.append(ctx.say("actions.added.principle_none", action=n))
    due = action.due_date()
    if due is not None and typed_due:
        notes.append(
            ctx.say(
                "actions.added.date_understood",
                when=show_day(due, today),
                typed=plain(typed_due, limit=60),
                action=n,
            )
        )
    elif due is None:
        notes.append(ctx.say("actions.added.no_due", action=n))
    if not action.owner:
        notes.append(ctx.say("actions.added.no_owner", action=n))
    return notes


async def close(
    ctx: Context, ref: ConversationRef, number: int, status: str, typed_note: str, *, form: str
) -> tuple[Action, Reply]:
    """Mark action `number` of `ref`'s channel done or dropped, with an optional note; (the
    closed action, the public post)."""
    note = checks.note_of(typed_note, form=form)
    for _ in range(5):
        action = await records.get(ctx.store, ref, number)
        if action is None:
            raise Refused("actions.error.unknown", number=number)
        if action.status == DONE:
            raise Refused("actions.error.already_done", number=number)
        if action.status == DROPPED:
            raise Refused("actions.error.already_dropped", number=number)
        now = ctx.core.clock.now()
        closed = await records.change(
            ctx.store, action, status=status, closed_at=iso(now), note=note
        )
        if closed is not None:
            await plan_month(ctx.core, ref, now)
            return closed, ctx.reply(_closed_text(ctx, closed))
    raise Refused("actions.error.changed", number=number)


def _closed_text(ctx: Context, action: Action) -> str:
    base = "actions.done.public" if action.status == DONE else "actions.dropped.public"
    if action.note:
        return ctx.say(
            base + "_note", number=action.number, text=plain(action.text), note=plain(action.note)
        )
    return ctx.say(base, number=action.number, text=plain(action.text))


async def update(ctx: Context, number: int, *, form: str, **changes: object) -> Action:
    """Apply `changes` to an open action of this channel (read again if someone else changed
    it in between)."""
    for _ in range(5):
        action = await checks.open_action(ctx, number, form=form)
        changed = await records.change(ctx.store, action, **changes)
        if changed is not None:
            return changed
    raise Refused("actions.error.changed", number=number)


async def edit(ctx: Context, number: int, typed: str) -> Reply:
    form = "actions.form.edit"
    text = checks.text_of(typed, form=form)
    action = await update(ctx, number, form=form, text=text)
    return ctx.reply(ctx.say("actions.edited", number=number, text=plain(action.text)))


async def set_owner(ctx: Context, number: int, typed: str) -> Reply:
    form = "actions.form.owner"
    if not typed:
        raise Refused("actions.form.owner")
    if typed.lower() in checks.NOBODY:
        action = await update(ctx, number, form=form, owner=None, owner_name="", needs_owner=False)
        return ctx.reply(ctx.say("actions.owner.cleared", number=number, text=plain(action.text)))
    who = checks.owner_of(ctx, typed, form=form)
    action = await update(
        ctx, number, form=form, owner=who.id, owner_name=who.name, needs_owner=False
    )
    await plan_reminders(ctx.core, ctx.ref, action)
    return ctx.reply(
        ctx.say("actions.owner.set", number=number, name=plain(who.name), text=plain(action.text))
    )


async def set_due(ctx: Context, number: int, typed: str) -> Reply:
    form = "actions.form.due"
    if not typed:
        raise Refused("actions.form.due")
    if typed.lower() in checks.NO_DATE:
        action = await update(ctx, number, form=form, due=None)
        return ctx.reply(ctx.say("actions.due.cleared", number=number, text=plain(action.text)))
    when = await checks.due_of(ctx, typed, form=form)
    action = await update(ctx, number, form=form, due=when.isoformat())
    await plan_reminders(ctx.core, ctx.ref, action)
    today = await checks.today(ctx)
    return ctx.reply(
        ctx.say(
            "actions.due.set",
            number=number,
            when=show_day(when, today),
            typed=plain(typed, limit=60),
            text=plain(action.text),
        )
    )


async def set_principle(ctx: Context, number: int, typed: str) -> Reply:
    form = "actions.form.principle"
    principle = checks.principle_of(typed, form=form)
    await update(ctx, number, form=form, principle=principle)
    return ctx.reply(
        ctx.say(
            "actions.principle.set",
            number=number,
            principle=principle,
            title=principle_name(ctx.pack, principle),
        )
    )
