"""Render neutral replies as Teams messages and Adaptive Cards 1.5: pure functions, no SDK.

Text goes through `text.inline` (card markdown) and `text.plain_text` (plain fields), which keep
untrusted text inert. No mention entities are ever added, so `<at>` text can never ping anyone."""

from __future__ import annotations

import json
from typing import Any

from bot.model import (
    Block,
    Button,
    Buttons,
    Card,
    Choice,
    Context,
    Divider,
    Fields,
    Form,
    Reply,
    Style,
    Text,
    TextInput,
)

from .charts import chart_element
from .rich import has_code, rich_line
from .text import inline, plain_text

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
# Teams refuses a message over about 28 KB; the card keeps room for the activity around it.
MAX_CARD_BYTES = 24_000

_STYLE = {Style.DEFAULT: "default", Style.PRIMARY: "positive", Style.DANGER: "destructive"}


def markdown(text: str) -> str:
    """A multi-line core text → Teams message markdown (lists kept, lines kept)."""
    return "\n\n".join(
        "\n".join(inline(line) for line in para) for para in _paragraphs(text) if para
    )


def _paragraphs(text: str) -> list[list[str]]:
    """Runs of lines: a list run ("- " lines) or a single ordinary line."""
    runs: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith("- ") and runs and runs[-1][0].startswith("- "):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _text_blocks(text: str, **extra: Any) -> list[dict[str, Any]]:
    """TextBlocks, except that a run with code gives one element per line, each line with
    code a RichTextBlock (`rich.rich_line`: TextBlock markdown has no code)."""
    out: list[dict[str, Any]] = []
    for run in _paragraphs(text):
        if not any(has_code(line) for line in run):
            out.append(
                {
                    "type": "TextBlock",
                    "text": "\n".join(inline(x) for x in run),
                    "wrap": True,
                    **extra,
                }
            )
            continue
        for i, line in enumerate(run):
            more = extra if i == 0 else {**extra, "spacing": "None"}
            if has_code(line):
                out.append(rich_line(line, **more))
            else:
                out.append({"type": "TextBlock", "text": inline(line), "wrap": True, **more})
    return out


def _action(button: Button) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "Action.Execute",
        "title": plain_text(button.label),
        "verb": button.action_id,
        "data": dict(button.value),
    }
    if button.style != Style.DEFAULT:
        action["style"] = _STYLE[button.style]
    return action


def _input(item: Choice | TextInput, required_message: str | None) -> dict[str, Any]:
    if isinstance(item, Choice):
        element: dict[str, Any] = {
            "type": "Input.ChoiceSet",
            "id": item.id,
            "label": plain_text(item.label),
            "style": "expanded",
            "isRequired": item.required,
            "choices": [{"title": plain_text(o.label), "value": o.value} for o in item.options],
        }
        if item.initial is not None:
            element["value"] = item.initial
    else:
        element = {
            "type": "Input.Text",
            "id": item.id,
            "label": plain_text(item.label),
            "isMultiline": item.multiline,
            "maxLength": item.max_length,
            "isRequired": item.required,
        }
        if item.placeholder:
            element["placeholder"] = plain_text(item.placeholder)
        if item.initial:
            element["value"] = item.initial
    if item.required:
        if required_message is None:
            raise ValueError("a required answer needs its words (teams.form.required)")
        element["errorMessage"] = required_message
    return element


def block_elements(block: Block, *, required_message: str | None) -> list[dict[str, Any]]:
    """One neutral block → Adaptive Card body elements."""
    if isinstance(block, Text):
        return _text_blocks(block.text)
    if isinstance(block, Fields):
        facts = [{"title": inline(k), "value": inline(v)} for k, v in block.items]
        return [{"type": "FactSet", "facts": facts}]
    if isinstance(block, Context):
        return _text_blocks(block.text, size="Small", isSubtle=True, spacing="Medium")
    if isinstance(block, Divider):
        return []
    if isinstance(block, Buttons):
        return [{"type": "ActionSet", "actions": [_action(b) for b in block.buttons]}]
    if isinstance(block, Form):
        submit = {
            "type": "Action.Execute",
            "title": plain_text(block.submit_label),
            "verb": block.action_id,
            "data": dict(block.value),
            "style": "positive",
        }
        inputs = [_input(item, required_message) for item in block.inputs]
        return [*inputs, {"type": "ActionSet", "actions": [submit]}]
    raise TypeError(f"no Adaptive Card rendering for {type(block).__name__}")


def _chart_place(card: Card) -> int:
    """Where the chart goes among the card's blocks: before the first divider (under the
    card's opening lines), else after the first block."""
    for i, block in enumerate(card.blocks):
        if isinstance(block, Divider):
            return i
    return min(1, len(card.blocks))


def card_json(card: Card, *, required_message: str | None = None, with_chart: bool = True) -> dict:
    """A neutral Card → an Adaptive Card 1.5 (JSON-ready dict). Its chart, if any, is a native
    chart element (`charts.chart_element`), left out when the card would pass MAX_CARD_BYTES."""
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": inline(card.title),
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        }
    ]

    separate = False
    chart_at = _chart_place(card) if card.chart is not None and with_chart else -1
    for i, block in enumerate(card.blocks):
        if i == chart_at and card.chart is not None:
            body.append(chart_element(card.chart))
        if isinstance(block, Divider):
            separate = True
            continue
        elements = block_elements(block, required_message=required_message)
        if elements and separate:
            elements[0] = {**elements[0], "separator": True}
            separate = False
        body.extend(elements)
    if chart_at == len(card.blocks) and card.chart is not None:
        body.append(chart_element(card.chart))
    content = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "fallbackText": plain_text(card.fallback_text, inert=True),
        "body": body,
        "msteams": {"width": "Full"},
    }
    if chart_at >= 0 and len(json.dumps(content, ensure_ascii=False).encode()) > MAX_CARD_BYTES:
        # Too big for one Teams message with its picture: the card's text says it all anyway.
        return card_json(card, required_message=required_message, with_chart=False)
    return content


def attachment(card: Card, *, required_message: str | None = None) -> dict:
    return {"contentType": CARD_TYPE, "content": card_json(card, required_message=required_message)}


def message_json(reply: Reply, *, required_message: str | None = None) -> dict:
    """A reply → the body of a Bot Framework message activity (without addressing)."""
    if reply.card is not None:
        return {
            "type": "message",
            "summary": plain_text(reply.fallback, inert=True),
            "attachments": [attachment(reply.card, required_message=required_message)],
        }
    if any(has_code(line) for line in reply.text.split("\n")):
        return {
            "type": "message",
            "summary": plain_text(reply.text, inert=True),
            "attachments": [{"contentType": CARD_TYPE, "content": text_card(reply.text)}],
        }
    return {"type": "message", "text": markdown(reply.text), "textFormat": "markdown"}


def text_card(text: str) -> dict:
    """A text with code (`admin timezone <zone>`, `America/New_York`) as a card with no
    heading. In message markdown Teams may read `<zone>` as an HTML tag and drop it, and
    whether it keeps code characters is not documented; on a card, code is a RichTextBlock
    TextRun in Monospace, whose text the Adaptive Card schema defines as plain (no markdown,
    no HTML), so what people copy is what the bot wrote."""
    content = card_json(Card("", text, (Text(text),)))
    content["body"] = content["body"][1:]  # no heading
    return content
