"""The adapter contract: what every platform adapter offers the core, with explicit capabilities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from .model import ConversationRef, Platform, Reply, User

# (posts, seconds) windows a platform allows per conversation; () is "no limit".
Budget = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Capabilities:
    """What a platform can do. The core never guesses and never asks which platform it is:
    it reads these facts, which each adapter declares for itself.

    - ephemeral: a private reply can appear in the channel, seen by one person (Slack).
    - direct_messages: the bot can open a direct chat to deliver a private reply (Teams).
    - threads: replies can go into a thread.
    - modals: forms can open in a pop-up window.
    - update_cards: the card a person acted on can be replaced in place (`Reply.replace_card`
      in the answer to a click).
    - update_posts: a post the bot made can be replaced later by its id (`Adapter.update`),
      for everyone (a reflection's tally shown on its card).
    - post_budget: (posts, seconds) windows that keep proactive posts under the platform's
      rate limits per conversation; () is no limit (the adapters still honour any 429).
    - confirms_delivery: `Adapter.delivered` can tell whether a post carrying a key was made,
      so a post interrupted by a crash is finished exactly once.
    """

    ephemeral: bool = False
    direct_messages: bool = False
    threads: bool = False
    modals: bool = False
    update_cards: bool = False
    update_posts: bool = False
    post_budget: Budget = ()
    confirms_delivery: bool = False

    @property
    def private_replies(self) -> bool:
        """A private reply can reach one person (in the channel or in a direct chat)."""
        return self.ephemeral or self.direct_messages


@dataclass
class Origin:
    """Where an interaction arrived: made by the adapter that received it, handed back to that
    adapter's `reply` with the core's answers. The core reads only `ref` (the conversation, and
    the thread when the interaction was in one), `user` (who did it) and `message_id` (the post
    acted on: the card a person clicked, whose place a `replace_card` reply takes); an adapter
    subclasses
    `Origin` to keep its platform's own handles for the answer (a Slack response URL and
    trigger, a Teams turn's service URL and activity id). Every adapter also accepts this
    plain `Origin` and answers as well as it can without them."""

    ref: ConversationRef
    user: User | None = None
    message_id: str | None = None


@runtime_checkable
class Adapter(Protocol):
    """A platform adapter. Options are keyword-only (`delivered(ref, key, *, since=…)`), so a
    new one never breaks an existing adapter; what one post needs (its `key`, its `locale`, its
    thread) rides on the `Reply` and the `ConversationRef`, never as a positional extra.

    Two ways out: `send` posts on the bot's own initiative (a nudge, a follow-up); `reply`
    answers an interaction (a message, a command, a click) where it happened, with what the
    platform offers then (an ephemeral answer, a modal, the clicked card replaced in place).

    Subclass `Adapter` to inherit the defaults of the optional methods: `update` and
    `delivered` (the core calls them only when `capabilities` says the platform can) and
    `forget` (called by `forget me` in a conversation of this platform)."""

    platform: Platform
    capabilities: Capabilities

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """Post `reply` to the conversation `ref` proactively; return the message id, or None
        when the platform refused it (logged by the adapter, never raised).

        Private replies go to `reply.recipient` only (ephemeral or direct chat) or are refused
        with a logged error; they are never posted publicly. `reply.key`, when set, is carried
        with the post so `delivered` can find it again."""
        ...

    async def reply(self, origin: Origin, replies: Sequence[Reply]) -> None:
        """Deliver the core's `replies` to the interaction at `origin`, in order; a reply the
        platform refuses is logged.

        - A private reply goes to `reply.recipient`, or without one to `origin.user`, and only
          to them (ephemeral, a direct chat, or the platform's private answer); if it cannot
          be private it is refused (logged), never posted publicly.
        - A `Threading.THREAD` reply joins the thread of the interaction (`origin.ref.thread`,
          or the thread the message starts) where the platform has threads; any other reply
          lands in the conversation. `reply.to` sends it elsewhere, proactively.
        - `reply.replace_card` replaces the card the person acted on, where the platform can
          (`capabilities.update_cards`); else the reply is posted anew.
        - Every post carries the reply's fallback text, for notifications and screen readers."""
        ...

    async def update(self, ref: ConversationRef, message_id: str, reply: Reply) -> bool:
        """Replace the bot's post `message_id` in `ref` with `reply`, for everyone (only asked
        when `capabilities.update_posts`). False when the platform cannot or refused (the
        caller then falls back to a new post)."""
        return False

    async def delivered(
        self, ref: ConversationRef, key: str, *, since: datetime | None = None
    ) -> bool | None:
        """True if a post carrying `key` (`Reply.key`) is in the conversation, False if it
        surely is not, None if the adapter cannot tell (the default).

        `since` is the earliest time the post can have been made, so an adapter that reads the
        conversation's history need look no further back; None means "no bound known"."""
        return None

    async def forget(self, ref: ConversationRef, user: User) -> int:
        """`forget me` from `user` in `ref`: erase what this adapter keeps about the person
        (a stored personal chat, a page's history). Returns how many stored records went
        (0 by default, and for what was only in memory)."""
        return 0

    async def start(self) -> None:
        """Begin serving (connect Socket Mode, warm clients). Must return promptly."""
        ...

    async def stop(self) -> None:
        """Release connections."""
        ...
