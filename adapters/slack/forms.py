"""Keep forms posted as messages, so a click on their button can open them as a modal later."""

from __future__ import annotations

import hashlib
import json

from bot.clock import Clock
from bot.model import Card, Form
from bot.store import Store

from .modal import form_from_dict, form_to_dict

TABLE = "slack_forms"
KEEP_SECONDS = 30 * 24 * 3600


class FormShelf:
    """Forms keyed by a hash of their content: the same form posted twice is kept once. Forms
    hold the bot's own questions, never anything people wrote."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    async def keep(self, card: Card, form: Form) -> str:
        doc = {"title": card.title, "form": form_to_dict(form)}
        text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(text.encode()).hexdigest()[:24]
        await self.store.put(TABLE, key, {**doc, "at": self.clock.now().timestamp()})
        return key

    async def get(self, key: str) -> tuple[Card, Form] | None:
        doc = await self.store.get(TABLE, key)
        if doc is None:
            return None
        title = str(doc.get("title", ""))
        return Card(title=title, fallback_text=title), form_from_dict(doc["form"])

    async def purge(self) -> int:
        cutoff = self.clock.now().timestamp() - KEEP_SECONDS
        return await self.store.delete_upto(TABLE, "at", cutoff)  # one write, however many
