"""`privacy`: what the bot stores, and for how long."""

from __future__ import annotations

from ..anonymity import minimum_group_size
from ..context import Context
from ..marks import command
from ..model import Card, Text
from ..model import Context as Small


@command("privacy", group="you", example="help.example.privacy", order=90)
async def privacy_command(ctx: Context, args: str) -> list:
    body = ctx.say("privacy.body", minimum=await minimum_group_size(ctx.store, ctx.ref.scope))
    card = Card(
        id="privacy",
        title=ctx.say("privacy.title"),
        fallback_text=ctx.say("privacy.title") + "\n" + body,
        blocks=(Text(body), Text(ctx.say("language.privacy")), Small(ctx.say("privacy.footer"))),
    )
    return [ctx.reply(card=card, private=True)]
