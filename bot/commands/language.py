"""`language …`: each person chooses the language of their replies; Welsh command words."""

from __future__ import annotations

import re

from ..context import Context
from ..marks import command, eraser
from ..prompts.locale import CY, EASY, EN, from_platform, speaking

# What people may type after `language`, in English or Welsh, and the locale it means.
WORDS: dict[str, str] = {
    "english": EN,
    "en": EN,
    "saesneg": EN,
    "cymraeg": CY,
    "welsh": CY,
    "cy": CY,
    "easy read": EASY,
    "easy": EASY,
    "en-easy": EASY,
    "hawdd ei ddarllen": EASY,
    "darllen hawdd": EASY,
    "hawdd": EASY,
}
CLEAR = ("auto", "reset", "clear", "awtomatig", "ailosod")


def _typed(args: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", args.lower()).split())


@command("language", group="you", example="help.example.language", order=80, aliases=("iaith",))
async def language_command(ctx: Context, args: str) -> list:
    assert ctx.user is not None
    typed = _typed(args)
    choices = ctx.core.languages.choices
    if not typed:
        return [ctx.reply(await _current(ctx), private=True)]
    if typed in CLEAR:
        await choices.clear(ctx.ref, ctx.user)
        with speaking(await ctx.core.languages.person_locale(ctx.ref, ctx.user)):
            return [ctx.reply(ctx.say("language.cleared"), private=True)]
    locale = WORDS.get(typed)
    if locale is None:
        return [ctx.reply(ctx.say("language.unknown", typed=args.strip()[:40]), private=True)]
    await choices.set(ctx.ref, ctx.user, locale)
    with speaking(locale):  # the confirmation is already in the new language
        name = ctx.say(f"language.name.{locale}")
        return [ctx.reply(ctx.say("language.set", language=name), private=True)]


async def _current(ctx: Context) -> str:
    assert ctx.user is not None
    if await ctx.core.languages.choices.get(ctx.ref, ctx.user):
        why = "choice"
    elif from_platform(ctx.user.locale):
        why = "platform"
    elif (await ctx.settings.resolve(ctx.ref, "language")).source != "default":
        why = "channel"
    else:
        why = "default"
    text = ctx.say(
        "language.current",
        language=ctx.say(f"language.name.{ctx.locale}"),
        why=ctx.say(f"language.why.{why}"),
    )
    return f"{text}\n{ctx.say('language.options')}"


@eraser
async def forget_language(ctx: Context) -> int:
    assert ctx.user is not None
    return await ctx.core.languages.choices.clear(ctx.ref, ctx.user)
