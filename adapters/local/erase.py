"""`forget me` in the local chat: the person's messages and private entries leave the
in-memory history of every channel."""

from __future__ import annotations

from bot.context import Context
from bot.model import Platform
from bot.registry import eraser


@eraser
async def erase_local_history(ctx: Context) -> int:
    adapter = ctx.core.adapters.get(Platform.LOCAL)
    forget = getattr(adapter, "forget", None)
    if ctx.user is None or ctx.ref.platform != Platform.LOCAL or forget is None:
        return 0
    return int(await forget(ctx.ref, ctx.user))
