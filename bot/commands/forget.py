"""`forget me`: erase everything the bot holds about the person who asks."""

from __future__ import annotations

from dataclasses import replace

from ..context import Context
from ..languages.aliases import FORGET_ME
from ..registry import ERASERS, command, eraser


@command("forget", group="you", example="/coprod forget me", order=91)
async def forget_command(ctx: Context, args: str) -> list:
    if args.strip().lower() not in FORGET_ME:  # "forget me", or Welsh "anghofio fi"
        return [ctx.reply(ctx.say("forget.how"), private=True)]
    erased = 0
    for erase in ERASERS:
        erased += await erase(ctx)
    done = ctx.reply(ctx.say("forget.done", count=erased), private=True)
    return [replace(done, remember_chat=False)]  # delivering it stores nothing about them


@eraser
async def erase_conversation_references(ctx: Context) -> int:
    """The stored references to the person's direct chats (the bot cannot post there again
    until they write to it)."""
    if ctx.user is None:
        return 0
    return await ctx.core.forget_conversations(ctx.ref, ctx.user)
