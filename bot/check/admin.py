"""`admin check …`: the minimum group size (for the whole workspace), how long new rounds stay
open (this channel or, with --all, the workspace), and deleting a closed round's results."""

from __future__ import annotations

import re
from dataclasses import replace

from ..admin import AdminRequest, Invalid, admin_command, said
from ..admin.dispatch import refusal
from ..context import Context
from ..marks import action
from ..model import Reply
from . import answers as ans
from . import rounds
from .closing import settle
from .confirm_cards import DELETE_ACTION, delete_confirm_card
from .minimum import (
    CLOSE_AFTER,
    DEFAULT_MINIMUM,
    FLOOR,
    MAX_CLOSE_AFTER,
    MINIMUM,
    close_after,
    minimum_group_size,
    valid_days,
)
from .when import in_words

MAX_MINIMUM = 100
_NUMBER = re.compile(r"^#?([0-9]{1,4})$")
_DAYS = re.compile(r"^([0-9]{1,3})\s*(?:d|days?)?$")


@admin_command(
    "check",
    usage=(
        "admin.usage.check.1",
        "admin.usage.check.2",
        "admin.usage.check.3",
        "admin.usage.check.4",
    ),
    example=(
        "admin.example.check.1",
        "admin.example.check.2",
        "admin.example.check.3",
        "admin.example.check.4",
    ),
    summary="admin.help.check",
    order=55,
)
async def check_admin(req: AdminRequest) -> list[Reply]:
    sub, _, rest = req.args.partition(" ")
    sub, rest = sub.lower(), rest.strip()
    if not sub:
        return await _show(req)
    if sub in ("minimum", "min"):
        return await _minimum(req, rest)
    if sub in ("close-after", "closes-after", "close_after", "closes"):
        return await _close_after(req, rest.removeprefix("after").strip())
    if sub == "delete":
        return await _delete(req, rest)
    raise Invalid("admin.check.unknown", typed=sub[:40]).of_form(0)


async def _show(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    minimum = await minimum_group_size(ctx.store, ctx.ref.scope)
    days = close_after(await req.current(CLOSE_AFTER)).days
    return req.reply(req.say("admin.check.now", minimum=minimum, days=days, where=req.where()))


async def _minimum(req: AdminRequest, typed: str) -> list[Reply]:
    found = _NUMBER.match(typed)
    if not found:
        raise Invalid("admin.check.minimum_form", typed=typed[:40]).of_form(1)
    number = int(found.group(1))
    if number < FLOOR:
        raise Invalid("admin.check.minimum_floor", typed=number, floor=FLOOR).of_form(1)
    if number > MAX_MINIMUM:
        raise Invalid("admin.check.minimum_too_big", typed=number, most=MAX_MINIMUM).of_form(1)
    workspace = replace(req, everywhere=True)  # one minimum for the whole workspace
    if number == await minimum_group_size(req.ctx.store, req.ctx.ref.scope):
        return req.reply(req.say("admin.check.minimum_unchanged", minimum=number))
    await workspace.set_setting(MINIMUM, number)
    text = req.say("admin.check.minimum_set", minimum=number)
    if number < DEFAULT_MINIMUM:
        text += " " + req.say("admin.check.minimum_why", safer=DEFAULT_MINIMUM)
    return req.reply(text)


async def _close_after(req: AdminRequest, typed: str) -> list[Reply]:
    found = _DAYS.match(typed.lower())
    days = valid_days(found.group(1)) if found else None
    if days is None:
        raise Invalid("admin.check.days_form", typed=typed[:40], most=MAX_CLOSE_AFTER).of_form(2)
    if days == close_after(await req.current(CLOSE_AFTER)).days:
        return req.done("admin.check.days_unchanged", days=days)
    await req.set_setting(CLOSE_AFTER, days)
    return req.done("admin.check.days_set", days=days)


async def _delete(req: AdminRequest, typed: str) -> list[Reply]:
    ctx = req.ctx
    words = typed.split()
    found = _NUMBER.match(words[0]) if words else None
    if not found or len(words) > 2 or (len(words) == 2 and words[1].lower() != "confirm"):
        raise Invalid("admin.check.delete_form", typed=typed[:40]).of_form(3)
    if ctx.ref.is_direct:
        return req.reply(req.say("admin.check.delete_in_channel"))
    seq = int(found.group(1))
    rnd = await rounds.by_number(ctx.store, ctx.ref, seq)
    if rnd is None:
        return req.reply(req.say("admin.check.no_round", seq=seq))
    rnd = await settle(ctx.store, rnd)  # one left half-closed by a crash
    if rnd.status != rounds.CLOSED:
        return req.reply(req.say("admin.check.delete_open", seq=seq))
    if len(words) == 1:
        when = await in_words(ctx, rnd.closed) if rnd.closed else ""
        card = delete_confirm_card(ctx, rnd.key, seq, rnd.answered or 0, when)
        return req.reply(card=card)
    await delete_round(req, rnd)
    return req.reply(req.say("admin.check.deleted", seq=seq))


async def delete_round(req: AdminRequest, rnd: rounds.Round) -> None:
    """Delete a closed round's results and anything left of its answers, keeping only its
    number (so it is never reused), and record it in the audit log."""
    store = req.ctx.store
    await rounds.mark_deleted(store, rnd)
    await ans.drop_answers(store, rnd)
    await ans.drop_claims(store, rnd)
    old = said("admin.check.audit_old", count=rnd.answered or 0)
    await req.record(
        said("admin.check.audit_what", seq=rnd.seq), old, said("admin.check.audit_new")
    )


@action(DELETE_ACTION)
async def delete_confirmed(ctx: Context) -> list[Reply]:
    """The "Delete check N" button: admin rights are checked again."""
    if not await ctx.is_admin():
        return [await refusal(ctx)]
    req = AdminRequest(ctx, ctx.core.registry.admin_commands["check"], "", False)
    key = ctx.event.value.get("round", "")  # type: ignore[attr-defined]
    rnd = await rounds.get(ctx.store, key) if key else None
    if rnd is None or rnd.scope != ctx.ref.scope or rnd.status != rounds.CLOSED:
        return [ctx.reply(req.say("admin.check.gone"), private=True, replace_card=True)]
    await delete_round(req, rnd)
    done = req.say("admin.check.deleted", seq=rnd.seq)
    return [ctx.reply(done, private=True, replace_card=True)]
