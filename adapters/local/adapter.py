"""The local adapter: the conversations the page streams, and proactive posts into them.

Every conversation's recent entries are kept in memory (`history.History`) and delivered live
to the open pages; proactive posts (nudges, private follow-ups) join a channel's history like
any other entry."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.adapter import Adapter, Capabilities, Origin
from bot.model import ConversationRef, Reply, User

from ..links import FileLinks
from .history import History, Posted
from .platform import NAME as PLATFORM_NAME
from .render import draw_charts, reply_json

__all__ = ["Asked", "LocalAdapter", "Posted"]
log = logging.getLogger(__name__)


@dataclass
class Asked(Origin):
    """A request from the page: `reply` records the entries it published in `answers`, which
    the page's request is answered with."""

    answers: list[Posted] = field(default_factory=list)


class LocalAdapter(Adapter):
    """Keeps the conversations (`history`) that the page streams; `send` posts into them."""

    platform = PLATFORM_NAME
    # No rate limit; no threads (the page shows one conversation per channel, so a thread
    # reply joins the channel); a card is replaced only in answer to a click on it, never a
    # post later (no `update_posts`: a tally comes as a follow-up).
    capabilities = Capabilities(ephemeral=True, update_cards=True)

    def __init__(self, history: History | None = None) -> None:
        self.history = history or History()
        self.links: FileLinks | None = None  # set when the routes are added
        self.link_note = ""

    def body(self, reply: Reply) -> dict[str, Any]:
        """A reply as an entry: its file, if any, is kept behind a signed download link."""
        link = self.links.put(reply.file) if reply.file is not None and self.links else ""
        return reply_json(reply, link=link, link_note=self.link_note)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self.history.close_all()

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """A proactive post; a private one needs its recipient (else it is refused, never
        shown to everyone)."""
        recipient = reply.recipient.id if reply.private and reply.recipient else None
        if reply.private and recipient is None:
            log.error("Local: refused a private post to %s with no recipient", ref.channel)
            return None
        await draw_charts([reply])
        entry = self.history.publish(
            ref.channel, self.body(reply), kind="post", recipient=recipient
        )
        return str(entry.seq)

    async def reply(self, origin: Origin, replies: Sequence[Reply]) -> None:
        """The core's replies to a request in `origin.ref`, into the conversation: a private
        reply to its recipient (or the person who asked) only, else refused (logged). The
        page replaces the card acted on when a reply says so (`replace_card` in its entry).
        An `Asked` origin keeps the entries made."""
        await draw_charts(replies)
        author = origin.user.id if origin.user is not None else None
        for reply in replies:
            recipient = None
            if reply.private:
                recipient = reply.recipient.id if reply.recipient is not None else author
                if recipient is None:
                    log.error(
                        "Local: refused a private reply to %s with no recipient",
                        origin.ref.channel,
                    )
                    continue
            entry = self.history.publish(
                belongs_in(reply, origin.ref.channel),
                self.body(reply),
                kind="reply",
                recipient=recipient,
                author=author,
            )
            if isinstance(origin, Asked):
                origin.answers.append(entry)

    async def forget(self, ref: ConversationRef, user: User) -> int:
        """`forget me`: the person's messages and every entry only they could see leave the
        history, in every channel. Returns 0: none of these was a record in the store."""
        self.history.forget(user.id)
        return 0

    @property
    def outbox(self) -> list[Posted]:
        """The posts the bot made on its own, oldest first."""
        return [e for e in self.history.all() if e.kind == "post"]

    def since(self, channel: str, user: str, after: int) -> list[dict[str, Any]]:
        """Posts the bot made on its own in `channel` after `after` that `user` may see."""
        return [e.wire() for e in self.history.entries(channel, user, after) if e.kind == "post"]


def belongs_in(reply: Reply, channel: str) -> str:
    """The channel a reply belongs in: its own (`to`) when the core names one here."""
    if reply.to is not None and reply.to.platform == PLATFORM_NAME:
        return reply.to.channel
    return channel
