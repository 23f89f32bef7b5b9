"""`help`: the commands, grouped, with one example each."""

from __future__ import annotations

from ..context import Context
from ..marks import GROUPS, command
from ..model import Card, Text
from ..model import Context as Small


@command("help", group="learn", example="help.example.help", order=0, aliases=("?", "commands"))
async def help_command(ctx: Context, args: str) -> list:
    return [ctx.reply(card=help_card(ctx), private=True)]


def help_card(ctx: Context) -> Card:
    blocks: list = [Text(ctx.say("help.intro"))]
    lines_for_fallback = [ctx.say("help.title")]
    specs = ctx.core.registry.visible_commands()
    for group in GROUPS:
        in_group = [c for c in specs if c.group == group]
        if not in_group:
            continue
        lines = [f"- `{ctx.say(c.example)}`: {ctx.say(f'help.cmd.{c.name}')}" for c in in_group]
        blocks.append(Text(f"**{ctx.say(f'help.group.{group}')}**\n" + "\n".join(lines)))
        lines_for_fallback.extend(
            f"{ctx.say(c.example)}: {ctx.say(f'help.cmd.{c.name}')}" for c in in_group
        )
    blocks.append(Small(ctx.say("help.footer")))
    return Card(
        id="help",
        title=ctx.say("help.title"),
        fallback_text="\n".join(lines_for_fallback),
        blocks=tuple(blocks),
    )
