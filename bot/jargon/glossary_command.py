"""`glossary`, `glossary add TERM = meaning` (asks before replacing a meaning), `glossary
remove TERM`, `glossary history TERM`: the team's shared words, and who changed them when."""

from __future__ import annotations

from dataclasses import replace

from ..context import Context
from ..marks import action, command
from ..markup import clean, plain
from ..model import Button, Buttons, Card, Reply, Style, Text
from ..model import Context as Small
from . import glossary_history
from .glossary import (
    ENTRIES_LIMIT,
    MEANING_LIMIT,
    TERM_LIMIT,
    Glossary,
    valid_term,
)

REPLACE = "glossary.replace"


@command("glossary", group="team", example="help.example.glossary", order=32)
async def glossary_command(ctx: Context, args: str) -> list:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "add":
        return await _add(ctx, rest)
    if verb == "replace":
        return await _add(ctx, rest, replace=True)
    if verb in ("remove", "delete"):
        return await _remove(ctx, rest)
    if verb == "history":
        return await _history(ctx, rest)
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


async def _add(ctx: Context, rest: str, *, replace: bool = False) -> list:
    term, sep, meaning = rest.partition("=")
    term, meaning = " ".join(term.split()), " ".join(meaning.split())
    if not sep or not term or not meaning:
        return [ctx.reply(ctx.say("glossary.how_add"), private=True)]
    if not valid_term(term):
        return [ctx.reply(ctx.say("glossary.bad_term", limit=TERM_LIMIT), private=True)]
    if len(meaning) > MEANING_LIMIT:
        return [ctx.reply(ctx.say("glossary.bad_meaning", limit=MEANING_LIMIT), private=True)]
    glossary = Glossary(ctx.store)
    old = await glossary.get(ctx.ref.scope, term)
    if old is None:
        if await glossary.count(ctx.ref.scope) >= ENTRIES_LIMIT:
            return [ctx.reply(ctx.say("glossary.full", limit=ENTRIES_LIMIT), private=True)]
    elif old.meaning == " ".join(clean(meaning, limit=MEANING_LIMIT).split()):
        return [ctx.reply(ctx.say("glossary.unchanged", term=plain(old.term)), private=True)]
    elif not replace:
        return [ctx.reply(card=_replace_card(ctx, old.term, old.meaning, meaning), private=True)]
    new = await glossary.put(ctx.ref.scope, term, meaning)
    stored = await glossary.get(ctx.ref.scope, term)
    assert stored is not None
    await glossary_history.record(
        ctx, stored.term, "added" if new else "replaced", old.meaning if old else "", stored.meaning
    )
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
    glossary = Glossary(ctx.store)
    old = await glossary.get(ctx.ref.scope, term)
    if old is not None and await glossary.remove(ctx.ref.scope, term):
        await glossary_history.record(ctx, old.term, "removed", old.meaning, "")
        return [ctx.reply(ctx.say("glossary.removed", term=shown), private=True)]
    return [ctx.reply(ctx.say("glossary.not_there", term=shown), private=True)]


def _replace_card(ctx: Context, term: str, old: str, new: str) -> Card:
    """`glossary add` of a word that is there already: the meaning it has, and a button."""
    text = ctx.say("glossary.replace_ask", term=plain(term), old=plain(old), new=plain(new))
    value = {"term": term, "meaning": new}
    return Card(
        id="glossary.replace",
        title=ctx.say("glossary.replace_title", term=plain(term)),
        fallback_text=text,
        blocks=(
            Text(text),
            Buttons((Button(ctx.say("glossary.replace_button"), REPLACE, value, Style.PRIMARY),)),
            Small(ctx.say("glossary.replace_typed", term=plain(term))),
        ),
    )


@action(REPLACE)
async def replace_confirmed(ctx: Context) -> list[Reply]:
    """The "Replace the meaning" button: the same checks as typing it, then the change."""
    value = dict(getattr(ctx.event, "value", {}) or {})
    rest = f"{value.get('term', '')} = {value.get('meaning', '')}"
    return [replace(r, replace_card=True) for r in await _add(ctx, rest, replace=True)]


async def _history(ctx: Context, rest: str) -> list:
    term = " ".join(rest.split())
    if not term:
        return [ctx.reply(ctx.say("glossary.how_history"), private=True)]
    shown = plain(term, limit=TERM_LIMIT)
    changes = await glossary_history.history(ctx.store, ctx.ref.scope, term)
    if not changes:
        return [ctx.reply(ctx.say("glossary.history_none", term=shown), private=True)]
    mine = await ctx.user_code(glossary_history.PURPOSE) if ctx.user is not None else None
    lines = []
    for c in changes:
        if c.by and c.by == mine:
            who = ctx.say("glossary.history_you")
        elif c.by:
            who = ctx.say("glossary.history_someone", code=c.by[:6])
        else:
            who = ctx.say("glossary.history_unknown")
        values = {"when": c.at.replace("T", " ")[:16], "who": who}
        values |= {"old": plain(c.old), "new": plain(c.new)}
        lines.append("- " + ctx.say(f"glossary.history_{c.what}", **values))
    card = Card(
        id="glossary.history",
        title=ctx.say("glossary.history_title", term=shown),
        fallback_text=ctx.say("glossary.history_title", term=shown),
        blocks=(Text("\n".join(lines)), Small(ctx.say("glossary.history_footer"))),
    )
    return [ctx.reply(card=card, private=True)]
