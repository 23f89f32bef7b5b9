"""Commands in Teams replies as the person must type them where the reply is shown.

The core writes commands as `/coprod help`. In a Teams channel or group chat people address
the bot with an @mention (`@coprod help`); in the personal chat with the bot they type the
bare command (`help`)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.model import Block, Card, Context, Fields, Reply, Text

_COMMAND = re.compile(r"(?<![\w/.@])/coprod\b([ \t]*)")


def as_typed(text: str, *, direct: bool) -> str:
    """ "`/coprod help`" → "`help`" in a personal chat, "`@coprod help`" elsewhere."""
    if "/coprod" not in text:
        return text

    def typed(m: re.Match[str]) -> str:
        if direct:
            return "" if m.group(1) else "help"
        return "@coprod" + (" " if m.group(1) else "")

    return _COMMAND.sub(typed, text)


def _block(block: Block, direct: bool) -> Block:
    if isinstance(block, Text):
        return Text(as_typed(block.text, direct=direct))
    if isinstance(block, Context):
        return Context(as_typed(block.text, direct=direct))
    if isinstance(block, Fields):
        return Fields(tuple((k, as_typed(v, direct=direct)) for k, v in block.items))
    return block  # buttons and forms carry labels, not commands


def card_as_typed(card: Card, *, direct: bool) -> Card:
    return replace(
        card,
        fallback_text=as_typed(card.fallback_text, direct=direct),
        blocks=tuple(_block(b, direct) for b in card.blocks),
    )


def reply_as_typed(reply: Reply, *, direct: bool) -> Reply:
    """`reply` with every command written as it is typed in that kind of Teams chat."""
    card = card_as_typed(reply.card, direct=direct) if reply.card is not None else None
    return replace(reply, text=as_typed(reply.text, direct=direct), card=card)
