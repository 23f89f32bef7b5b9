"""The local adapter: keeps each channel's proactive posts in memory for the page to fetch."""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass
from typing import Any

from bot.adapter import Capabilities
from bot.model import ConversationRef, Platform, Reply

from .render import reply_json

OUTBOX_SIZE = 200


@dataclass(frozen=True)
class Posted:
    seq: int
    channel: str
    recipient: str | None
    body: dict[str, Any]


class LocalAdapter:
    """Proactive posts (nudges, private follow-ups) wait in an outbox the page polls."""

    platform = Platform.LOCAL
    capabilities = Capabilities(ephemeral=True, threads=True, update_cards=True)

    def __init__(self) -> None:
        self._seq = itertools.count(1)
        self.outbox: deque[Posted] = deque(maxlen=OUTBOX_SIZE)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        seq = next(self._seq)
        recipient = reply.recipient.id if reply.private and reply.recipient else None
        self.outbox.append(Posted(seq, ref.channel, recipient, reply_json(reply)))
        return str(seq)

    def since(self, channel: str, user: str, after: int) -> list[dict[str, Any]]:
        """Posts in `channel` after `after` that `user` may see."""
        return [
            {**p.body, "seq": p.seq}
            for p in self.outbox
            if p.seq > after and p.channel == channel and p.recipient in (None, user)
        ]
