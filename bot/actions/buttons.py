"""The buttons: Done / Not yet (on a reflection, a reminder or your actions), "Make this an
action" (on the check's next step and on reflections) and the short form it opens."""

from __future__ import annotations

from ..context import Context
from ..marks import action
from ..model import Reply
from . import records, service
from .cards import DONE_ACTION, MAKE_ACTION, NOT_YET_ACTION, SAVE_ACTION, form_card
from .problems import Refused


def _value(ctx: Context) -> dict[str, str]:
    return dict(getattr(ctx.event, "value", {}) or {})


async def _target(ctx: Context) -> records.Action | None:
    """The action a button names, if it is in this workspace; from another channel (a personal
    chat, a reminder) only its owner may close it."""
    value = _value(ctx)
    channel_key, number = value.get("c", ""), value.get("n", "")
    if not channel_key.startswith(ctx.ref.scope + ":") or not number.isdigit():
        return None
    doc = await ctx.store.get(records.TABLE, records.action_key(channel_key, int(number)))
    if doc is None or doc.get("scope") != ctx.ref.scope:
        return None
    return records.Action.from_doc(doc)


@action(DONE_ACTION)
async def done_button(ctx: Context) -> list[Reply]:
    found = await _target(ctx)
    if found is None or not found.is_open:
        return [ctx.reply(ctx.say("actions.error.gone"), private=True)]
    here = found.channel_key == ctx.ref.in_thread(None).channel_key
    if not here and (ctx.user is None or ctx.user.id != found.owner):
        return [ctx.reply(ctx.say("actions.error.not_yours", number=found.number), private=True)]
    where = ctx.ref.in_thread(None) if here else await ctx.core.conversation(found.channel_key)
    if where is None:
        return [ctx.reply(ctx.say("actions.error.gone"), private=True)]
    try:
        _, post = await service.close(
            ctx, where, found.number, records.DONE, "", form="actions.form.done"
        )
    except Refused as exc:
        return [service.refusal(ctx, exc)]
    if here:
        return [post]
    from dataclasses import replace

    note = ctx.reply(post.text, private=True, replace_card=True)
    return [note, replace(post, to=where)]


@action(NOT_YET_ACTION)
async def not_yet_button(ctx: Context) -> list[Reply]:
    found = await _target(ctx)
    if found is None or not found.is_open:
        return [ctx.reply(ctx.say("actions.error.gone"), private=True)]
    return [ctx.reply(ctx.say("actions.not_yet", number=found.number), private=True)]


@action(MAKE_ACTION)
async def make_button(ctx: Context) -> list[Reply]:
    """Open the short form, with the words of the card it was on."""
    if ctx.ref.is_direct:
        return [ctx.reply(ctx.say("actions.error.channel_only"), private=True)]
    value = _value(ctx)
    principle = (
        int(value["p"]) if value.get("p", "").isdigit() and 1 <= int(value["p"]) <= 8 else None
    )
    ref = ctx.ref.in_thread(None)
    card = form_card(ctx, value.get("text", ""), principle, ref.channel_key)
    return [ctx.reply(card=card, private=True)]


@action(SAVE_ACTION)
async def save_form(ctx: Context) -> list[Reply]:
    value = _value(ctx)
    principle = (
        int(value["p"]) if value.get("p", "").isdigit() and 1 <= int(value["p"]) <= 8 else None
    )
    try:
        made, card = await service.create(
            ctx,
            value.get("text", ""),
            owner=value.get("owner", "").strip() or None,
            due=value.get("due", "").strip() or None,
            principle=principle,
        )
    except Refused as exc:
        return [service.refusal(ctx, exc, intro=ctx.say("actions.form.refused"))]
    saved = ctx.reply(
        ctx.say("actions.form.saved", number=made.number), private=True, replace_card=True
    )
    return [saved, card]
