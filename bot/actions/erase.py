"""`forget me` for actions: the person stops owning their actions (each channel is told they
need a new owner) and the codes that said they created some are removed."""

from __future__ import annotations

import logging
from dataclasses import replace

from ..context import Context
from ..marks import eraser
from ..markup import plain
from ..model import Card, Reply, Text
from ..model import Context as Small
from . import records
from .service import CREATOR

log = logging.getLogger(__name__)


@eraser
async def forget_actions(ctx: Context) -> int:
    if ctx.user is None:
        return 0
    scope = ctx.ref.scope
    erased = 0
    unowned: dict[str, list[records.Action]] = {}
    for doc in await ctx.store.find(records.TABLE, scope=scope, owner=ctx.user.id):
        action = records.Action.from_doc(doc)
        changes = {"owner": None, "owner_name": "", "needs_owner": action.is_open}
        if await ctx.store.update(records.TABLE, action.key, changes):
            erased += 1
            if action.is_open:
                left = replace(action, owner=None, owner_name="", needs_owner=True)
                unowned.setdefault(action.channel_key, []).append(left)
    code = await ctx.user_code(CREATOR)
    for doc in await ctx.store.find(records.TABLE, scope=scope, creator=code):
        if await ctx.store.update(records.TABLE, doc["_key"], {"creator": ""}):
            erased += 1
    for channel_key, actions in unowned.items():
        await _tell(ctx, channel_key, actions)
    return erased


async def _tell(ctx: Context, channel_key: str, actions: list[records.Action]) -> None:
    """Tell the channel its actions need a new owner (never who asked to be forgotten)."""
    ref = await ctx.core.conversation(channel_key)
    if ref is None:
        return
    lines = [
        ctx.say("actions.forgotten.line", number=a.number, text=plain(a.text))
        for a in sorted(actions, key=lambda a: a.number)
    ]
    title = ctx.say("actions.forgotten.title")
    card = Card(
        id="actions.forgotten",
        title=title,
        fallback_text=title,
        blocks=(
            Text(ctx.say("actions.forgotten.body")),
            Text("\n".join(lines)),
            Small(ctx.say("actions.forgotten.how")),
        ),
    )
    try:
        await ctx.core.send(ref, Reply(card=card))
    except Exception:
        log.exception("Could not tell %s that its actions need a new owner", channel_key)
