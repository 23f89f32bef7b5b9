"""The adapter contract: what every platform adapter offers the core, with explicit capabilities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .model import ConversationRef, Platform, Reply


@dataclass(frozen=True)
class Capabilities:
    """What a platform can do. The core never guesses: it reads these flags.

    - ephemeral: a private reply can appear in the channel, seen by one person (Slack).
    - direct_messages: the bot can open a direct chat to deliver a private reply (Teams).
    - threads: replies can go into a thread.
    - modals: forms can open in a pop-up window.
    - update_cards: a card can be replaced in place after an action.
    """

    ephemeral: bool = False
    direct_messages: bool = False
    threads: bool = False
    modals: bool = False
    update_cards: bool = False


@runtime_checkable
class Adapter(Protocol):
    """A platform adapter. Options are keyword-only so new ones never break existing adapters."""

    platform: Platform
    capabilities: Capabilities

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """Post `reply` to the conversation `ref` proactively; return the message id, if any.

        Private replies go to `reply.recipient` only (ephemeral or direct chat) or are refused
        with a logged error; they are never posted publicly."""
        ...

    async def start(self) -> None:
        """Begin serving (connect Socket Mode, warm clients). Must return promptly."""
        ...

    async def stop(self) -> None:
        """Release connections."""
        ...
