"""The local chat's conversations, in memory only, and the open streams that watch them.

Each channel keeps its recent entries; the streams watching it receive new ones live.

An entry is a person's message, the bot's answer to a request, or a post the bot made on its
own. A private entry has a `recipient` and reaches only that person's streams. Nothing here is
written to disk: the history is bounded per channel (`PER_CHANNEL`) and in the number of
channels kept (`CHANNELS`, least recently used dropped first), and is gone when the server
stops."""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Literal

log = logging.getLogger(__name__)

PER_CHANNEL = 200
CHANNELS = 100
QUEUE = 256  # entries waiting for one slow stream before it is dropped (it reconnects)

Kind = Literal["person", "reply", "post"]


@dataclass(frozen=True)
class Posted:
    """One entry of a conversation. `kind` is "person" (someone's message), "reply" (the bot's
    answer to a request) or "post" (the bot posting on its own: nudges, follow-ups)."""

    seq: int
    channel: str
    recipient: str | None
    body: dict[str, Any]
    kind: Kind = "post"
    author: str | None = None  # the person who wrote a "person" entry, or asked for a "reply"

    def visible_to(self, user: str) -> bool:
        return self.recipient is None or self.recipient == user

    def wire(self) -> dict[str, Any]:
        """The entry as the page and the API get it."""
        return {**self.body, "seq": self.seq, "kind": self.kind}


@dataclass(eq=False)
class Subscriber:
    """One open stream: a person watching a channel."""

    channel: str
    user: str
    queue: asyncio.Queue[Posted | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    closed: bool = False

    def offer(self, entry: Posted | None) -> None:
        if self.closed:
            return
        try:
            self.queue.put_nowait(entry)
        except asyncio.QueueFull:
            # Too slow to keep up: end this stream; the page reconnects and catches up from
            # the history with the last id it saw.
            log.info("Local chat: a stream fell behind and was closed")
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(None)


class History:
    """Every channel's recent entries and the streams watching them."""

    def __init__(self, *, per_channel: int = PER_CHANNEL, channels: int = CHANNELS) -> None:
        self.per_channel = per_channel
        self.channels = channels
        # A new id each time the server starts, so a page can tell that the history it
        # showed is gone (it lives in memory only) and that sequence numbers began again.
        self.boot = secrets.token_hex(4)
        self._seq = itertools.count(1)
        self._logs: OrderedDict[str, deque[Posted]] = OrderedDict()
        self._watchers: dict[str, set[Subscriber]] = {}

    # ---- writing ---------------------------------------------------------------------------

    def publish(
        self,
        channel: str,
        body: dict[str, Any],
        *,
        kind: Kind,
        recipient: str | None = None,
        author: str | None = None,
    ) -> Posted:
        """Keep `body` in `channel`'s history and hand it to every stream that may see it."""
        entry = Posted(next(self._seq), channel, recipient, body, kind, author)
        entries = self._logs.get(channel)
        if entries is None:
            entries = self._logs[channel] = deque(maxlen=self.per_channel)
            while len(self._logs) > self.channels:
                self._logs.popitem(last=False)
        else:
            self._logs.move_to_end(channel)
        entries.append(entry)
        for watcher in list(self._watchers.get(channel, ())):
            if entry.visible_to(watcher.user):
                watcher.offer(entry)
        return entry

    def forget(self, user: str) -> int:
        """`forget me`: drop every message `user` wrote and every entry only they could see.
        The bot's public posts stay (they belong to the channel, as on the platforms)."""
        gone = 0
        for channel, entries in self._logs.items():
            kept = [
                e
                for e in entries
                if e.recipient != user and not (e.kind == "person" and e.author == user)
            ]
            gone += len(entries) - len(kept)
            self._logs[channel] = deque(kept, maxlen=self.per_channel)
        return gone

    # ---- reading ---------------------------------------------------------------------------

    def entries(self, channel: str, user: str, after: int = 0) -> list[Posted]:
        """`channel`'s kept entries after `after` that `user` may see, oldest first."""
        return [e for e in self._logs.get(channel, ()) if e.seq > after and e.visible_to(user)]

    def all(self) -> list[Posted]:
        """Every kept entry of every channel, oldest first."""
        return sorted((e for entries in self._logs.values() for e in entries), key=lambda e: e.seq)

    def kept(self, channel: str) -> int:
        return len(self._logs.get(channel, ()))

    # ---- streams ---------------------------------------------------------------------------

    def watch(self, channel: str, user: str) -> Subscriber:
        watcher = Subscriber(channel, user)
        self._watchers.setdefault(channel, set()).add(watcher)
        return watcher

    def unwatch(self, watcher: Subscriber) -> None:
        watcher.close()
        watchers = self._watchers.get(watcher.channel)
        if watchers is not None:
            watchers.discard(watcher)
            if not watchers:
                del self._watchers[watcher.channel]

    def watching(self, channel: str) -> int:
        return len(self._watchers.get(channel, ()))

    def close_all(self) -> None:
        """End every open stream (the server is stopping)."""
        for watchers in list(self._watchers.values()):
            for watcher in list(watchers):
                watcher.close()
