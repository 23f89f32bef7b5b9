"""`glossary`, `glossary add TERM = meaning`, `glossary remove TERM`: the team's shared words."""

from __future__ import annotations

from ..context import Context
from ..jargon.glossary import (
    ENTRIES_LIMIT,
    MEANING_LIMIT,
    TERM_LIMIT,
    Glossary,
    valid_term,
)
from ..markup import plain
from ..model import Card, Text
from ..model import Context as Small
from ..registry import command


@command(
    "glossary", group="team", example="/coprod glossary add ICB = integrated care board", order=32
)
async def glossary_command(ctx: Context, args: str) -> list:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "add":
        return await _add(ctx, rest)
    if verb in ("remove", "delete"):
        return await _remove(ctx, rest)
    return await _list(ctx)


async def _list(ctx: Context) -> list:
    entries = await Glossary(ctx.store).entries(ctx.ref.scope)
    if not entries:
        return [ctx.reply(ctx.say("glossary.empty"), private=True)]
    lines = [
        "- " + ctx.say("glossary.line", term=plain(e.term), meaning=plain(e.meaning))
        for e in entries
    ]
    card = Card(
        id="glossary",
        title=ctx.say("glossary.title"),
        fallback_text=ctx.say("glossary.title")
        + "\n"
        + "\n".join(f"{plain(e.term)}: {plain(e.meaning)}" for e in entries),
        blocks=(Text("\n".join(lines)), Small(ctx.say("glossary.footer"))),
    )
    return [ctx.reply(card=card, private=True)]


async def _add(ctx: Context, rest: str) -> list:
    term, sep, meaning = rest.partition("=")
    term, meaning = " ".join(term.split()), " ".join(meaning.split())
    if not sep or not term or not meaning:
        return [ctx.reply(ctx.say("glossary.how_add"), private=True)]
    if not valid_term(term):
        return [ctx.reply(ctx.say("glossary.bad_term", limit=TERM_LIMIT), private=True)]
    if len(meaning) > MEANING_LIMIT:
        return [ctx.reply(ctx.say("glossary.bad_meaning", limit=MEANING_LIMIT), private=True)]
    glossary = Glossary(ctx.store)
    if await glossary.get(ctx.ref.scope, term) is None:
        if await glossary.count(ctx.ref.scope) >= ENTRIES_LIMIT:
            return [ctx.reply(ctx.say("glossary.full", limit=ENTRIES_LIMIT), private=True)]
    new = await glossary.put(ctx.ref.scope, term, meaning)
    stored = await glossary.get(ctx.ref.scope, term)
    assert stored is not None
    text = ctx.say(
        "glossary.added" if new else "glossary.replaced",
        term=plain(stored.term),
        meaning=plain(stored.meaning),
    )
    return [ctx.reply(text, private=True)]


async def _remove(ctx: Context, rest: str) -> list:
    term = " ".join(rest.split())
    if not term:
        return [ctx.reply(ctx.say("glossary.how_remove"), private=True)]
    shown = plain(term, limit=TERM_LIMIT)
    if await Glossary(ctx.store).remove(ctx.ref.scope, term):
        return [ctx.reply(ctx.say("glossary.removed", term=shown), private=True)]
    return [ctx.reply(ctx.say("glossary.not_there", term=shown), private=True)]
