"""What opens an after-meeting reflection: the channel's open actions ("Last time you agreed:
… Done?"), kept on the nudge as shown, so a recovered send shows the same lines."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from . import records
from .cards import OPENER_LIMIT, due_words, owner_words
from .zone import channel_zone

if TYPE_CHECKING:
    from ..core import Core
    from ..model import ConversationRef


async def open_actions(core: Core, ref: ConversationRef) -> list[dict[str, Any]]:
    """Up to OPENER_LIMIT open actions of the channel, overdue first, as JSON-ready items
    (`more` on the first counts the rest); empty when none are open."""
    ref = ref.in_thread(None)
    found, today = await records.open_first(core.store, ref, _today(core, ref), OPENER_LIMIT)
    if not found.total:
        return []
    pack = core.pack
    items = [
        {
            "c": a.channel_key,
            "n": a.number,
            "text": a.text,
            "owner": owner_words(pack, a),
            "due": due_words(pack, a, today),
        }
        for a in found.first
    ]
    items[0]["more"] = max(0, found.total - OPENER_LIMIT)
    return items


async def _today(core: Core, ref: ConversationRef) -> date:
    return core.clock.now().astimezone(await channel_zone(core.channel_settings, ref)).date()
