"""`forget me` on Teams: drop the stored personal chat reference of the person who asks."""

from __future__ import annotations

from bot.context import Context
from bot.model import Platform
from bot.registry import eraser

from .send import PERSONAL_TABLE, personal_key


@eraser
async def erase_personal_chat(ctx: Context) -> int:
    if ctx.user is None or ctx.ref.platform != Platform.TEAMS:
        return 0
    return int(await ctx.store.delete(PERSONAL_TABLE, personal_key(ctx.ref.scope, ctx.user.id)))
