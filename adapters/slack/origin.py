"""Where Slack replies to an interaction go: the contract's `Origin` with Slack's own handles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import adapter as contract


@dataclass
class Origin(contract.Origin):
    """Where the replies to one inbound interaction go, and what it lets us do: the contract's
    `ref` and `user`, and Slack's own handles.

    `thread` is the thread a THREAD reply joins; `message_id` (the contract's) is the `ts` of
    the message a clicked button is on; `trigger_id` opens one modal (it is single-use and
    expires in 3 s); `metadata` is attached to a public post (nudges carry their id, so a post
    can be found again after a crash)."""

    response_url: str | None = None
    trigger_id: str | None = None
    thread: str | None = None
    ephemeral_message: bool = False
    metadata: dict[str, Any] | None = None  # Slack message metadata for a public post
