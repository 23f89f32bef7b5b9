"""`jargon <text>`: a private plain-words check of a draft (it also switches on the channel's
listener). `jargon tips on` / `jargon tips off`: your own plain-words tips back on, or off."""

from __future__ import annotations

from ..context import Context
from ..marks import command
from . import delivery, scan
from . import report as _report  # noqa: F401  (the report's tips line)
from .cards import check_card, unique
from .glossary import Glossary
from .overlay import lexicon_for


@command("jargon", group="team", example="help.example.jargon", order=30)
async def jargon_command(ctx: Context, args: str) -> list:
    if not args.strip():
        return [ctx.reply(ctx.say("jargon.check.how"), private=True)]
    switch = " ".join(args.lower().split())
    if switch == "tips on":
        return await delivery.tips_on(ctx)
    if switch == "tips off":
        return await delivery.tips_off(ctx)
    explained = {e.term for e in await Glossary(ctx.store).entries(ctx.ref.scope)}
    explained |= delivery.explained_here(ctx)  # also registers the channel listener
    named = [m.text for m in ctx.mentions]
    terms = unique(args, scan(args, await lexicon_for(ctx), explained, named))
    if not terms:
        return [ctx.reply(ctx.say("jargon.check.none"), private=True)]
    return [ctx.reply(card=check_card(ctx, terms), private=True)]
