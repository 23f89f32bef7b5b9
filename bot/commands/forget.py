"""`forget me`: say exactly what would be erased, and erase it once the person confirms
(`forget me confirm`, or the button)."""

from __future__ import annotations

from dataclasses import replace

from ..context import Context
from ..languages.aliases import CONFIRM, FORGET_ME
from ..marks import action, command, eraser
from ..model import Button, Buttons, Card, Reply, Style, Text
from ..model import Context as Small

ERASE = "forget.erase"


@command("forget", group="you", example="help.example.forget", order=91)
async def forget_command(ctx: Context, args: str) -> list:
    words = args.lower().split()
    if not words or words[0] not in FORGET_ME or len(words) > 2:  # Welsh: "anghofio fi"
        return [ctx.reply(ctx.say("forget.how"), private=True)]
    if len(words) == 2:
        if words[1] not in CONFIRM:
            return [ctx.reply(ctx.say("forget.how"), private=True)]
        return [await erase_everything(ctx)]
    return [ctx.reply(card=confirm_card(ctx), private=True)]


def confirm_card(ctx: Context) -> Card:
    """What `forget me` would erase, item by item, and the button that does it."""
    what = ctx.say("forget.confirm.what")
    return Card(
        id="forget.confirm",
        title=ctx.say("forget.confirm.title"),
        fallback_text=ctx.say("forget.confirm.title") + "\n" + what,
        blocks=(
            Text(what),
            Text(ctx.say("forget.confirm.stays")),
            Buttons((Button(ctx.say("forget.confirm.button"), ERASE, {}, Style.DANGER),)),
            Small(ctx.say("forget.confirm.typed")),
        ),
    )


async def erase_everything(ctx: Context) -> Reply:
    erased = 0
    for erase in ctx.core.registry.erasers:
        erased += await erase(ctx)
    done = ctx.reply(ctx.say("forget.done", count=erased), private=True)
    return replace(done, remember_chat=False)  # delivering it stores nothing about them


@action(ERASE)
async def erase_confirmed(ctx: Context) -> list[Reply]:
    """The "Erase my data" button: erases what the person who presses it holds here."""
    if ctx.user is None:
        return []
    return [replace(await erase_everything(ctx), replace_card=True)]


@eraser
async def erase_conversation_references(ctx: Context) -> int:
    """The stored references to the person's direct chats (the bot cannot post there again
    until they write to it)."""
    if ctx.user is None:
        return 0
    return await ctx.core.forget_conversations(ctx.ref, ctx.user)


@eraser
async def erase_adapter_data(ctx: Context) -> int:
    """What the platform's adapter keeps about the person (`Adapter.forget`)."""
    adapter = ctx.core.adapters.get(ctx.ref.platform)
    if ctx.user is None or adapter is None:
        return 0
    return await adapter.forget(ctx.ref, ctx.user)
