"""How a nudge post is marked in Slack (message metadata, and the pause button's value) and how
it is recognised again in the channel's history."""

from __future__ import annotations

import json
from typing import Any

# The message metadata `event_type` of a nudge post (its payload: `{"nudge": id}`).
NUDGE_EVENT = "coprod_nudge"


def nudge_metadata(nudge_id: str) -> dict[str, Any]:
    """The message metadata a nudge post carries, so it can be found again."""
    return {"event_type": NUDGE_EVENT, "event_payload": {"nudge": nudge_id}}


def carries(message: dict[str, Any], nudge_id: str) -> bool:
    """True if `message` is a post of nudge `nudge_id`: its metadata says so, or (a post made
    before metadata was added, or metadata not returned) its pause button's value does."""
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") == NUDGE_EVENT:
        payload = metadata.get("event_payload") or {}
        if payload.get("nudge") == nudge_id:
            return True
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") != "button":
                continue
            try:
                value = json.loads(element.get("value") or "")
            except ValueError:
                continue
            if isinstance(value, dict) and value.get("nudge") == nudge_id:
                return True
    return False
