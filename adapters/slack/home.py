"""The Home tab: your actions, the help and the eight principles, built from the core's own
commands."""

from __future__ import annotations

from typing import Any

from bot.core import Core
from bot.model import Command, ConversationRef, User

from .render import card_blocks, limit_blocks

MAX_HOME_BLOCKS = 100
HOME_COMMANDS = ("actions mine", "help", "principles")


async def home_view(core: Core, ref: ConversationRef, user: User) -> dict[str, Any]:
    """A `home` view with the cards of `actions mine`, `help` and `principles`, as the person
    would see them. Buttons are left out: a click in the Home has no channel to act in."""
    blocks: list[dict[str, Any]] = []
    for text in HOME_COMMANDS:
        for reply in await core.handle(Command(ref, user, text=text)):
            if reply.card is None:
                continue
            if blocks:
                blocks.append({"type": "divider"})
            shown = card_blocks(reply.card, with_forms=False)
            blocks.extend(b for b in shown if b.get("type") != "actions")
    return {"type": "home", "blocks": limit_blocks(blocks, MAX_HOME_BLOCKS)}
