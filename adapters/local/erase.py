"""`forget me` in the local chat: the person's entries leave the in-memory conversations.

Their own messages and every entry only they could see go, in every channel."""

from __future__ import annotations

from bot.context import Context
from bot.model import Platform
from bot.registry import eraser


@eraser
async def erase_local_history(ctx: Context) -> int:
    """Clear the person's entries from the conversation in memory. Returns 0: the reply's count
    is of records in the store, and none of these ever was one."""
    adapter = ctx.core.adapters.get(Platform.LOCAL)
    forget = getattr(adapter, "forget", None)
    if ctx.user is not None and ctx.ref.platform == Platform.LOCAL and forget is not None:
        await forget(ctx.ref, ctx.user)
    return 0
