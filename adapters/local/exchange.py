"""One request from the page, as the conversation sees it.

The person's message and the bot's replies become entries of the channel's history, so every
page watching it shows them.

A message to the channel reaches everyone there at once. A message to the bot (`/coprod …`)
is seen by its sender only, unless the bot answers it publicly: then, as with a Slack slash
command answered in the channel, everyone sees both. Private replies reach only their person."""

from __future__ import annotations

import html
from typing import Any

from bot.core import Core
from bot.model import ChannelMessage, Command, Event

from .adapter import Asked, LocalAdapter, belongs_in
from .history import Posted


def person_body(event: Command | ChannelMessage, *, private: bool) -> dict[str, Any]:
    """A person's message as an entry: their name, their words (escaped) and who sees it."""
    assert event.user is not None
    lines = "<br>".join(html.escape(line, quote=False) for line in event.text.split("\n"))
    return {
        "author": event.user.name or event.user.id,
        "text": event.text,
        "html": f'<p class="said">{lines}</p>',
        "visibility": "private" if private else "public",
        "to_bot": isinstance(event, Command),
    }


async def converse(core: Core, adapter: LocalAdapter, event: Event) -> dict[str, Any]:
    """Handle `event` and publish what it adds to the conversation; return the API's answer:
    the replies, the number (`seq`) of each one's entry in the conversation, and the person's
    own message as an entry, if any."""
    assert event.user is not None
    history = adapter.history
    user = event.user.id
    channel = event.ref.channel
    message: Posted | None = None
    if isinstance(event, ChannelMessage):
        message = history.publish(
            channel, person_body(event, private=False), kind="person", author=user
        )
    replies = await core.handle(event)
    if isinstance(event, Command):
        public = any(not r.private and belongs_in(r, channel) == channel for r in replies)
        message = history.publish(
            channel,
            person_body(event, private=not public),
            kind="person",
            recipient=None if public else user,
            author=user,
        )
    origin = Asked(event.ref, event.user)
    await adapter.reply(origin, replies)
    answers = origin.answers
    return {
        "replies": [a.body for a in answers],
        "seqs": [a.seq for a in answers],
        "message": message.wire() if message is not None else None,
    }
