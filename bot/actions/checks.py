"""Checking what people typed for an action before anything is stored: text, number, owner,
date and principle each either give a clean value or raise `Refused`."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..context import Context
from ..markup import clean
from . import records
from .dates import DateError, parse_day, show_day
from .owners import NotAPerson, Owner, parse_owner
from .problems import Refused
from .records import Action
from .zone import channel_zone

NOBODY = ("nobody", "none", "no-one", "noone", "-")
NO_DATE = ("none", "no", "off", "-", "never")


async def zone(ctx: Context) -> ZoneInfo:
    """The channel's time zone (one setting: the whole nudge schedule is not needed here)."""
    return await channel_zone(ctx.settings, ctx.ref)


async def today(ctx: Context) -> date:
    """Today in the channel's time zone."""
    return ctx.core.clock.now().astimezone(await zone(ctx)).date()


def local_date(when: str, tz: ZoneInfo) -> date:
    return datetime.fromisoformat(when).astimezone(tz).date()


def text_of(typed: str, *, form: str, limit: int = records.MAX_TEXT) -> str:
    text = clean(" ".join(typed.split()), limit=100_000)
    if not text:
        raise Refused("actions.error.empty", form=form)
    if len(text) > limit:
        raise Refused("actions.error.too_long", form=form, length=f"{len(text):,}", limit=limit)
    return text


def note_of(typed: str, *, form: str) -> str:
    note = clean(" ".join(typed.split()), limit=100_000)
    if len(note) > records.MAX_NOTE:
        raise Refused(
            "actions.error.note_too_long",
            form=form,
            length=f"{len(note):,}",
            limit=records.MAX_NOTE,
        )
    return note


def number_of(typed: str, *, form: str) -> tuple[int, str]:
    """(the action number, the rest of the words) from `3 rest…` or `#3 rest…`."""
    head, _, rest = typed.strip().partition(" ")
    found = re.fullmatch(r"#?(\d{1,6})\.?", head)
    if not found:
        raise Refused("actions.error.no_number", form=form)
    return int(found.group(1)), rest.strip()


async def open_action(ctx: Context, number: int, *, form: str) -> Action:
    found = await records.get(ctx.store, ctx.ref.in_thread(None), number)
    if found is None:
        raise Refused("actions.error.unknown", form="", number=number)
    if not found.is_open:
        raise Refused("actions.error.closed", number=number, status=found.status)
    return found


def owner_of(ctx: Context, typed: str, *, form: str) -> Owner:
    try:
        return parse_owner(ctx.ref, typed, ctx.mentions)
    except NotAPerson as exc:
        raise Refused(exc.message_id, form=form, **exc.values) from None


async def due_of(ctx: Context, typed: str, *, form: str) -> date:
    try:
        return parse_day(typed, await today(ctx))
    except DateError as exc:
        raise Refused(exc.message_id, form=form, **exc.values) from None


async def since_of(ctx: Context, typed: str) -> date:
    """A date in the past (or today), for `you said we did since <date>`."""
    try:
        return parse_day(typed, await today(ctx), past=True)
    except DateError as exc:
        raise Refused(exc.message_id, form="actions.form.since", **exc.values) from None


def principle_of(typed: str, *, form: str) -> int:
    found = re.fullmatch(r"(?:p|#|principle\s*)?(\d{1,3})", typed.strip().lower())
    if not found or not 1 <= int(found.group(1)) <= 8:
        raise Refused("actions.error.bad_principle", form=form, typed=typed.strip()[:20])
    return int(found.group(1))


def shown_due(action: Action, today: date) -> str:
    due = action.due_date()
    return show_day(due, today) if due else ""
