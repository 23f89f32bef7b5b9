"""The in-process fake adapter: records every post, honours the capabilities it is given, refuses
on demand. The first adapter the contract suite runs, and the one the `bot` test fixture uses."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from adapters.local.platform import NAME as LOCAL
from bot.adapter import Adapter, Capabilities, Origin
from bot.clock import Clock
from bot.model import ChatKind, ConversationRef, Platform, Reply, Threading, User

log = logging.getLogger(__name__)

# Everything a platform can offer, with no rate limit: the default of a fake.
EVERYTHING = Capabilities(
    ephemeral=True,
    direct_messages=True,
    threads=True,
    modals=True,
    update_cards=True,
    update_posts=True,
    confirms_delivery=True,
)


@dataclass
class Post:
    """One post the fake made: where it landed (`ref`, its thread included), what it was, when
    (the clock's time, if the fake has a clock), its id, and who alone may see it (private)."""

    ref: ConversationRef
    reply: Reply
    at: datetime | None = None
    message_id: str = ""
    recipient: str | None = None

    @property
    def text(self) -> str:
        """What a notification shows: the fallback text (every post carries one)."""
        return self.reply.fallback


class FakeAdapter(Adapter):
    """Proactive posts go to `posts`, replies to an interaction (`reply`) to `answers`, in
    order. Private replies reach their recipient only: in the
    conversation when the capabilities offer `ephemeral`, else in a direct chat when they offer
    `direct_messages`, else they are refused (logged, never public). A thread reply lands in
    the thread only when `threads`; `update` replaces a post only when `update_posts`;
    `delivered` answers only when `confirms_delivery`. `refusing = True` makes the platform
    refuse every post (logged; `send` returns None)."""

    post_type: type[Post] = Post

    def __init__(
        self,
        capabilities: Capabilities = EVERYTHING,
        *,
        platform: Platform = LOCAL,
        clock: Clock | None = None,
    ) -> None:
        self.platform = platform
        self.capabilities = capabilities
        self.clock = clock
        self.posts: list[Post] = []
        self.answers: list[Post] = []
        self.refusing = False
        self._made = 0
        self.started = False
        self.forgotten: list[tuple[ConversationRef, User]] = []

    # ---- the contract ----------------------------------------------------------------------

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """A proactive post; a private one needs its recipient."""
        post = self._post(ref, reply, caller=None)
        if post is None:
            return None
        self.posts.append(post)
        return post.message_id

    async def update(self, ref: ConversationRef, message_id: str, reply: Reply) -> bool:
        if not self.capabilities.update_posts or self.refusing:
            return False
        for posts in (self.posts, self.answers):
            for i, post in enumerate(posts):
                if post.message_id == message_id and post.ref.channel == ref.channel:
                    posts[i] = replace(post, reply=reply)
                    return True
        return False

    async def delivered(
        self, ref: ConversationRef, key: str, *, since: datetime | None = None
    ) -> bool | None:
        if not self.capabilities.confirms_delivery:
            return None
        return any(p.reply.key == key and p.ref.channel == ref.channel for p in self.posts)

    async def forget(self, ref: ConversationRef, user: User) -> int:
        self.forgotten.append((ref, user))
        return 0

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        self.started = False

    # ---- replies to an interaction ---------------------------------------------------------

    async def reply(self, origin: Origin, replies: Sequence[Reply]) -> None:
        """The core's replies to something `origin.user` did in `origin.ref`, into `answers`:
        a private reply goes to its recipient or, without one, to the person who asked; a card
        to replace replaces the card clicked (or the latest answer in the conversation) when
        the platform can (else it is posted anew)."""
        for reply in replies:
            post = self._replace(origin, reply) if reply.replace_card else None
            if post is None:
                post = self._post(origin.ref, reply, caller=origin.user)
                if post is not None:
                    self.answers.append(post)

    # ---- reading what was posted -----------------------------------------------------------

    def posted(self, channel: str | None = None, *, user: str | None = None) -> list[Post]:
        """The proactive posts (in `channel`, if given; only those `user` may see, if given)."""
        return [
            p
            for p in self.posts
            if (channel is None or p.ref.channel == channel)
            and (user is None or p.recipient in (None, user))
        ]

    # ---- inside ----------------------------------------------------------------------------

    def _replace(self, origin: Origin, reply: Reply) -> Post | None:
        """Replace the card clicked (`origin.message_id`, a post or an answer), or without one
        the latest answer in the channel, if the platform can."""
        if not self.capabilities.update_cards or self.refusing:
            return None
        channel = origin.ref.channel
        kept = (self.answers, self.posts) if origin.message_id else (self.answers,)
        for posts in kept:
            for i in range(len(posts) - 1, -1, -1):
                post = posts[i]
                if post.ref.channel == channel and origin.message_id in (None, post.message_id):
                    posts[i] = replace(post, reply=reply)
                    return posts[i]
        return None

    def _post(self, ref: ConversationRef, reply: Reply, *, caller: User | None) -> Post | None:
        where = reply.to or ref
        # A reply elsewhere (`to`) goes where it says; else a THREAD reply joins the thread of
        # `ref` (when the platform has threads) and any other lands in the channel.
        joins = reply.to is not None or reply.threading == Threading.THREAD
        if not (joins and self.capabilities.threads):
            where = where.in_thread(None)
        recipient = None
        if reply.private:
            person = reply.recipient or caller
            if person is None:
                log.error("Fake: refused a private reply to %s with no recipient", where.channel)
                return None
            recipient = person.id
            if not self.capabilities.ephemeral:
                if not self.capabilities.direct_messages:
                    log.error("Fake: refused a private reply: no ephemeral, no direct chat")
                    return None
                where = ConversationRef(
                    where.platform, where.workspace, f"D-{person.id}", kind=ChatKind.DIRECT
                )
        if self.refusing:
            log.error("Fake: the platform refused a post to %s", where.channel)
            return None
        at = self.clock.now() if self.clock is not None else None
        self._made += 1
        return self.post_type(where, reply, at, str(self._made), recipient)
