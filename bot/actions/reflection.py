"""The actions on a reflection card: it opens with the channel's open actions ("Last time you
agreed: … Done?", kept on the nudge when it is composed) and offers "Make this an action"."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import Buttons, Card, Divider
from .cards import make_button, opener_blocks
from .opener import open_actions

if TYPE_CHECKING:
    from ..core import Core
    from ..model import ConversationRef
    from ..prompts import PromptPack

OPENING = "open_actions"  # the content field that keeps them


async def opening(core: Core, ref: ConversationRef, trigger: str) -> dict[str, Any]:
    """What to add to an after-meeting reflection's content: its channel's open actions; nothing
    for a reflection someone asked for, or a channel with none open."""
    if trigger == "asked":
        return {}
    found = await open_actions(core, ref)
    return {OPENING: found} if found else {}


def with_actions(pack: PromptPack, card: Card, content: dict[str, Any]) -> Card:
    """The reflection card with the open actions on top and "Make this an action" above its
    last row of buttons (pause nudges)."""
    blocks = list(card.blocks)
    make = make_button(pack, "", int(content["principle"]))
    last = max((i for i, b in enumerate(blocks) if isinstance(b, Buttons)), default=len(blocks))
    blocks.insert(last, make)
    items = content.get(OPENING) or []
    if items:
        blocks = [*opener_blocks(pack, items), Divider(), *blocks]
    return replace(card, blocks=tuple(blocks))
