"""`principles` and `principle <1-8 or word>`: the framework, quoted faithfully."""

from __future__ import annotations

import re

from ..context import Context
from ..marks import command
from ..markup import plain
from ..model import Card, Text
from ..model import Context as Small
from ..prompts.framework import attribution
from ..prompts.models import Principle, Prompt


@command("principles", group="learn", example="help.example.principles", order=10)
async def principles_command(ctx: Context, args: str) -> list:
    return await ctx.channel_post(lambda: [ctx.reply(card=principles_card(ctx))])


def principles_card(ctx: Context) -> Card:
    """The eight, one line each. Outside English: our version of each statement, labelled,
    after the framework's own words, which stay in English."""
    rows = []
    for p in (ctx.pack.principle(n) for n in range(1, 9)):
        row = f"**{p.number}. {heading(ctx, p)}**: {p.statement}"
        if p.rendering is not None:
            label = ctx.say("principle.rendering_label")
            ours = ctx.say("principle.rendering", label=label, statement=p.rendering.statement)
            row += "\n" + ours
        rows.append(row)
    small = [Small(attribution(ctx))]
    if any(p.rendering for p in ctx.pack.principles.values()):
        small.insert(0, Small(ctx.say("principles.quoted")))
    return Card(
        id="principles",
        title=ctx.say("principles.title"),
        fallback_text=ctx.say("principles.title")
        + "\n"
        + "\n".join(f"{p.number}. {p.title}" for p in ctx.pack.principles.values()),
        blocks=(Text("\n".join(rows)), Text(ctx.say("principles.more")), *small),
    )


def heading(ctx: Context, p: Principle) -> str:
    """The principle's title, with its picture where the locale has one (easy read)."""
    if p.icon:
        return ctx.say("principle.icon_title", icon=p.icon, title=p.title)
    return p.title


NUMBER_WORDS = {
    word: n
    for n, words in enumerate(
        (
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
        ),
        start=1,
    )
    for word in words
}


def find_principle(ctx: Context, query: str) -> Principle | None:
    """A principle by number (`5`, `p5`, `#5`, `five`, `fifth`), key, keyword or a word of its
    title."""
    query = query.strip().lower()
    digits = re.fullmatch(r"(?:p|#|principle\s*|number\s*)?([1-8])(?:st|nd|rd|th)?[.!?]?", query)
    if digits:
        return ctx.pack.principle(int(digits.group(1)))
    spelt = re.fullmatch(r"(?:principle\s+|number\s+|the\s+)?([a-z]+)[.!?]?", query)
    if spelt and spelt.group(1) in NUMBER_WORDS:
        return ctx.pack.principle(NUMBER_WORDS[spelt.group(1)])
    words = set(re.findall(r"[a-z]+", query))
    if not words:
        return None
    best, best_score = None, 0
    for p in ctx.pack.principles.values():
        title_words = set(re.findall(r"[a-z]+", p.title.lower())) - {"and", "with", "of", "a"}
        score = 3 * len(words & {p.key}) + 2 * len(words & set(p.keywords))
        score += len(words & title_words)
        if score > best_score:
            best, best_score = p, score
    return best


def principle_card(
    ctx: Context, p: Principle, *, questions: list[Prompt], question_index: int = 0
) -> Card:
    """One principle in full. `questions` are the effective reflections (from `ctx.prompts`,
    already safe for markdown; never empty, as a principle never runs out of them). Outside
    English, the framework's words come first in English with their source, then our version,
    labelled as ours."""
    question = questions[question_index % len(questions)].text
    title = ctx.say("principle.title", number=p.number, title=heading(ctx, p))
    quoted: list = [
        Text(f"**{p.statement}**"),
        Text(p.description),
        Text(ctx.say("principle.examples", examples=p.examples)),
    ]
    asked = Text(ctx.say("principle.question", question=question))
    if p.rendering is None:
        blocks = [*quoted, asked, Small(attribution(ctx))]
    else:
        ours = ctx.say(
            "principle.rendering_full",
            label=ctx.say("principle.rendering_label"),
            statement=p.rendering.statement,
            description=p.rendering.description,
            examples=p.rendering.examples,
        )
        named = [Text(f"**{p.framework_title}**")] if p.framework_title != p.title else []
        blocks = [*named, *quoted, Small(attribution(ctx)), Text(ours), asked]
    return Card(
        id=f"principle.{p.number}",
        title=title,
        fallback_text=f"{title}. {p.rendering.statement if p.rendering else p.statement}",
        blocks=tuple(blocks),
    )


@command("principle", group="learn", example="help.example.principle", order=11)
async def principle_command(ctx: Context, args: str) -> list:
    if not args.strip():
        return [ctx.reply(ctx.say("principle.which"), private=True)]
    found = find_principle(ctx, args)
    if found is None:
        return [
            ctx.reply(ctx.say("principle.not_found", query=plain(args, limit=60)), private=True)
        ]
    day = ctx.core.clock.now().toordinal()
    number = found.number

    async def post() -> list:
        questions = await ctx.prompts("reflection", number)
        here = ctx.pack.principle(number)
        card = principle_card(ctx, here, question_index=day, questions=questions)
        return [ctx.reply(card=card)]

    return await ctx.channel_post(post)
