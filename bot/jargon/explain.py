"""`explain <term>`: the team glossary first, then the plain-words list and known short forms."""

from __future__ import annotations

from ..context import Context
from ..marks import command
from ..markup import plain
from ..prompts.framework import definition, is_about_coproduction
from .cards import either
from .glossary import TERM_LIMIT, Glossary
from .overlay import lexicon_for


@command("explain", group="team", example="help.example.explain", order=31)
async def explain_command(ctx: Context, args: str) -> list:
    term = " ".join(args.split()).strip(" ?.!\"'")
    if not term:
        return [ctx.reply(ctx.say("explain.how"), private=True)]
    if is_about_coproduction(term):
        return [definition(ctx)]
    shown = plain(term, limit=TERM_LIMIT)
    entry = await Glossary(ctx.store).get(ctx.ref.scope, term)
    if entry is not None:
        text = ctx.say("explain.glossary", term=plain(entry.term), meaning=plain(entry.meaning))
        return [ctx.reply(text, private=True)]
    lexicon = await lexicon_for(ctx)
    listed = lexicon.by_form(term)
    if listed is not None and listed.advice:
        text = ctx.say(
            "explain.advice",
            term=plain(listed.term),
            advice=plain(listed.advice),
            why=plain(listed.why),
        )
        return [ctx.reply(text, private=True)]
    if listed is not None:
        text = ctx.say(
            "explain.jargon",
            term=plain(listed.term),
            suggestions=either(ctx, tuple(listed.plain)),
            why=plain(listed.why),
        )
        return [ctx.reply(text, private=True)]
    short = term.upper().removesuffix("'S").removesuffix("’S")
    expansions = lexicon.expansions
    meaning = expansions.get(short) or expansions.get(short.removesuffix("S"))
    if meaning is not None:
        text = ctx.say("explain.acronym", term=shown, meaning=plain(meaning))
        return [ctx.reply(text, private=True)]
    return [ctx.reply(ctx.say("explain.not_found", term=shown), private=True)]
