"""The welcome when the bot joins a conversation: what it does, what to try, first steps."""

from __future__ import annotations

from ..context import Context
from ..marks import on
from ..model import Card, Installed, Reply, Text
from ..model import Context as Small

WELCOMED = "welcomed"


def welcome_card(ctx: Context) -> Card:
    """What the bot does, three commands to try, and a facilitator's first two steps."""
    intro = ctx.say("welcome.intro")
    return Card(
        id="welcome",
        title=ctx.say("welcome.title"),
        fallback_text=intro,
        blocks=(
            Text(intro),
            Text(ctx.say("welcome.try")),
            Text(ctx.say("welcome.facilitator")),
            Small(ctx.say("welcome.footer")),
        ),
    )


@on(Installed)
async def welcome(ctx: Context) -> list[Reply]:
    """One welcome per conversation, even when the platform tells us twice (a repeat delivery,
    or the bot removed and added again)."""
    ref = ctx.ref.in_thread(None)
    if not await ctx.store.add(WELCOMED, ref.channel_key, {"scope": ref.scope}):
        return []
    return [ctx.reply(card=welcome_card(ctx))]
