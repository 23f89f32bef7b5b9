"""Short forms defined earlier in a conversation, so they are not flagged again.

Only the short forms themselves are kept ("ICB"), with an expiry, in this process's memory:
never message text, and nothing in the store. A short form defined in a channel's main
conversation counts there and in all its threads for a day; one defined in a thread counts in
that thread for a day. The memory is bounded (the oldest conversations are forgotten first)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timedelta

from ..model import ConversationRef

KEEP = timedelta(hours=24)
MAX_CONVERSATIONS = 20_000
MAX_PER_CONVERSATION = 200

Key = tuple[str, str | None]


def place(ref: ConversationRef, message_id: str | None = None) -> tuple[Key, Key | None]:
    """(the channel's key, the thread's key or None for a message in the main conversation).
    A thread's first message (Teams gives it its own id as the thread) is in the main one."""
    channel: Key = (ref.channel_key, None)
    if ref.thread is None or ref.thread == message_id:
        return channel, None
    return channel, (ref.channel_key, ref.thread)


class Definitions:
    """Upper-cased short forms defined per conversation, each with the time it stops counting."""

    def __init__(self) -> None:
        self._seen: OrderedDict[Key, dict[str, float]] = OrderedDict()

    def remember(
        self, ref: ConversationRef, shorts: Iterable[str], now: datetime, message_id: str | None
    ) -> None:
        shorts = [s.upper() for s in shorts]
        if not shorts:
            return
        channel, thread = place(ref, message_id)
        key = thread or channel
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = {}
        self._seen.move_to_end(key)
        until = (now + KEEP).timestamp()
        for short in shorts:
            found.pop(short, None)
            found[short] = until
        while len(found) > MAX_PER_CONVERSATION:
            del found[next(iter(found))]
        while len(self._seen) > MAX_CONVERSATIONS:
            self._seen.popitem(last=False)

    def known(self, ref: ConversationRef, now: datetime, message_id: str | None) -> set[str]:
        """The short forms that count as explained for a message at `ref` now."""
        out: set[str] = set()
        stamp = now.timestamp()
        for key in place(ref, message_id):
            if key is None:
                continue
            found = self._seen.get(key)
            if not found:
                continue
            for short, until in list(found.items()):
                if until <= stamp:
                    del found[short]
                else:
                    out.add(short)
            if not found:
                del self._seen[key]
        return out

    def __len__(self) -> int:
        return sum(len(v) for v in self._seen.values())
