"""`action …`, `actions` and `you said we did [since <date>]`: the typed commands."""

from __future__ import annotations

import re

from ..context import Context
from ..marks import command
from ..model import Reply
from . import checks, records, service
from .cards import LIST_LIMIT, list_card, mine_card
from .parse import split_options
from .problems import Refused
from .summary import summary_since

FORMS = {
    "done": "actions.form.done",
    "drop": "actions.form.drop",
    "edit": "actions.form.edit",
    "owner": "actions.form.owner",
    "due": "actions.form.due",
    "principle": "actions.form.principle",
}
ALIASES = {
    "new": "add",
    "close": "done",
    "finish": "done",
    "dropped": "drop",
    "cancel": "drop",
    "change": "edit",
    "date": "due",
    "p": "principle",
    "list": "",
    "ls": "",
}


@command(
    "action",
    group="team",
    example="help.example.action",
    order=40,
)
async def action_command(ctx: Context, args: str) -> list[Reply]:
    verb, _, rest = args.strip().partition(" ")
    verb = ALIASES.get(verb.lower(), verb.lower())
    try:
        if verb == "add":
            parts = split_options(rest, [m.text for m in ctx.mentions])
            _, card = await service.create(
                ctx,
                parts.text,
                owner=parts.owner,
                due=parts.due,
                principle=parts.principle,
                bad_principle=parts.bad_principle,
            )
            return [card]
        if verb == "":
            return await _list(ctx)
        if verb not in FORMS:
            return [ctx.reply(ctx.say("actions.usage"), private=True)]
        service.channel_only(ctx)
        form = FORMS[verb]
        number, rest = checks.number_of(rest, form=form)
        ref = ctx.ref.in_thread(None)
        if verb in ("done", "drop"):
            status = records.DONE if verb == "done" else records.DROPPED
            _, post = await service.close(ctx, ref, number, status, rest, form=form)
            return [post]
        if verb == "edit":
            return [await service.edit(ctx, number, rest)]
        if verb == "owner":
            return [await service.set_owner(ctx, number, rest)]
        if verb == "due":
            return [await service.set_due(ctx, number, rest)]
        return [await service.set_principle(ctx, number, rest)]
    except Refused as exc:
        return [service.refusal(ctx, exc)]


@command("actions", group="team", example="help.example.actions", order=41)
async def actions_command(ctx: Context, args: str) -> list[Reply]:
    if args.strip().lower() in ("mine", "me", "my", "yours") or ctx.ref.is_direct:
        return await mine(ctx)
    return await _list(ctx)


async def _list(ctx: Context) -> list[Reply]:
    if ctx.ref.is_direct:
        return await mine(ctx)
    ref = ctx.ref.in_thread(None)
    found, today = await records.open_first(ctx.store, ref, checks.today(ctx), LIST_LIMIT)
    if not found.total:
        return [ctx.reply(ctx.say("actions.list.empty"), private=True)]
    return [ctx.reply(card=list_card(ctx, found, today), private=True)]


async def mine(ctx: Context) -> list[Reply]:
    """The open actions the person owns anywhere in this workspace (Slack's App Home and the
    Teams personal chat show these)."""
    if ctx.user is None:
        return []
    found = await records.owned_by(ctx.store, ctx.ref.scope, ctx.user.id)
    names: dict[str, str] = {}
    for key in {a.channel_key for a in found}:
        ref = await ctx.core.conversation(key)
        if ref is not None and ref.channel_name:
            names[key] = ref.channel_name
    card = mine_card(ctx, found, names, await checks.today(ctx))
    return [ctx.reply(card=card, private=True)]


_SAID = re.compile(r"^said\s+we\s+did\b\s*(?:since\s+(?P<since>.+))?$", re.IGNORECASE)


@command("you", group="team", example="help.example.you", order=42)
async def you_said_we_did(ctx: Context, args: str) -> list[Reply]:
    found = _SAID.match(" ".join(args.split()))
    if found is None:
        return [ctx.reply(ctx.say("actions.form.since"), private=True)]
    try:
        service.channel_only(ctx)
        since = await checks.since_of(ctx, found["since"]) if found["since"] else None
    except Refused as exc:
        return [service.refusal(ctx, exc)]
    return [ctx.reply(card=await summary_since(ctx, since))]
