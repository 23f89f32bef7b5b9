"""Block Kit from the neutral Card: pure functions, Block Kit limits respected, text made inert."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.model import (
    Button,
    Buttons,
    Card,
    Context,
    Divider,
    Fields,
    Form,
    Reply,
    Style,
    Text,
)

from .mrkdwn import cut, mrkdwn, plain_text

Block = dict[str, Any]

# Block Kit limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50
MAX_HEADER = 150
MAX_SECTION = 3000
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_CONTEXT = 2000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_ACTIONS = 25
MAX_FALLBACK = 3000
OPEN_FORM_ACTION = "slack.form.open"


def text_object(text: str) -> dict[str, Any]:
    """A mrkdwn text object. `verbatim` stops Slack auto-linking URLs, channels and mentions."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(plain_text(text), limit), "emoji": True}


def fallback_text(reply: Reply) -> str:
    """The message's `text`: shown in notifications and where blocks cannot be."""
    return cut(mrkdwn(reply.fallback), MAX_FALLBACK) or " "


def _sections(text: str) -> list[Block]:
    """A paragraph as one section, split on line breaks when it is longer than Slack allows."""
    converted = mrkdwn(text)
    chunks: list[str] = []
    current = ""
    for line in converted.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= MAX_SECTION:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = cut(line, MAX_SECTION)
    if current.strip():
        chunks.append(current)
    return [{"type": "section", "text": text_object(c)} for c in chunks]


def _fields(block: Fields) -> list[Block]:
    items = [
        text_object(cut(f"*{mrkdwn(label)}*\n{mrkdwn(value)}", MAX_FIELD))
        for label, value in block.items
    ]
    return [
        {"type": "section", "fields": items[i : i + MAX_FIELDS]}
        for i in range(0, len(items), MAX_FIELDS)
    ]


def action_id(base: str, index: int) -> str:
    """A Block Kit action id, unique in the message: the neutral id, `#`, the button's index."""
    suffix = f"#{index}"
    return base[: MAX_ACTION_ID - len(suffix)] + suffix


def neutral_action_id(slack_action_id: str) -> str:
    """Undo `action_id`: the card action's own id."""
    base, sep, index = slack_action_id.rpartition("#")
    return base if sep and index.isdigit() else slack_action_id


def button(b: Button, index: int) -> Block:
    value = json.dumps(b.value, separators=(",", ":"), sort_keys=True)
    if len(value) > MAX_BUTTON_VALUE:
        raise ValueError(f"button {b.action_id!r}: its value is too long for Slack")
    out: Block = {
        "type": "button",
        "text": plain(b.label, MAX_BUTTON_LABEL),
        "action_id": action_id(b.action_id, index),
        "value": value,
    }
    if b.style != Style.DEFAULT:
        out["style"] = str(b.style)
    return out


def _actions(buttons: list[Button], start: int) -> list[Block]:
    elements = [button(b, start + i) for i, b in enumerate(buttons)]
    return [
        {"type": "actions", "elements": elements[i : i + MAX_ACTIONS]}
        for i in range(0, len(elements), MAX_ACTIONS)
    ]


def form_button(label: str, key: str) -> Button:
    """The button that stands in for a form in a message: a click opens the form as a modal."""
    return Button(label, OPEN_FORM_ACTION, {"form": key}, Style.PRIMARY)


def card_blocks(
    card: Card,
    *,
    open_form_label: str | None = None,
    form_keys: Mapping[str, str] | None = None,
    with_forms: bool = True,
    header: bool = True,
) -> list[Block]:
    """Render `card` as message blocks. A `Form` becomes a button that opens it in a modal
    (`form_keys` maps the form's id to where it is kept); `with_forms=False` leaves forms out."""
    blocks: list[Block] = []
    if header and card.title:
        blocks.append({"type": "header", "text": plain(card.title, MAX_HEADER)})
    index = 0
    for block in card.blocks:
        if isinstance(block, Text):
            blocks.extend(_sections(block.text))
        elif isinstance(block, Fields):
            blocks.extend(_fields(block))
        elif isinstance(block, Context):
            blocks.append(
                {"type": "context", "elements": [text_object(cut(mrkdwn(block.text), MAX_CONTEXT))]}
            )
        elif isinstance(block, Divider):
            blocks.append({"type": "divider"})
        elif isinstance(block, Buttons):
            blocks.extend(_actions(list(block.buttons), index))
            index += len(block.buttons)
        elif isinstance(block, Form):
            if with_forms:
                key = (form_keys or {}).get(block.id, block.id)
                if open_form_label is None:
                    raise ValueError("a form's open button needs its words (slack.form.open)")
                blocks.extend(_actions([form_button(open_form_label, key)], index))
                index += 1
        else:
            raise TypeError(f"no Block Kit rendering for {type(block).__name__}")
    return limit_blocks(blocks, MAX_BLOCKS)


def limit_blocks(blocks: list[Block], limit: int) -> list[Block]:
    """Keep within Slack's block count; the last kept block says the rest was cut."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], {"type": "context", "elements": [text_object("…")]}]


def reply_blocks(reply: Reply, **options: Any) -> list[Block]:
    """Blocks for any reply: its card, or its text as one section (so it is never parsed)."""
    if reply.card is not None:
        return card_blocks(reply.card, **options)
    if not reply.text.strip():
        return []
    return limit_blocks(_sections(reply.text), MAX_BLOCKS)
