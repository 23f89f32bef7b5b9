"""Render neutral replies as Teams messages and Adaptive Cards 1.5: pure functions, no SDK.

Untrusted text arrives escaped by `bot.markup.plain()` (a backslash before each markdown
character). Adaptive Cards and Teams messages have no escape syntax, so each escaped character
that could start formatting, a link or markup is replaced by a look-alike that never does:
`*` → `∗`, `_` → `＿`, `[` → `［`, `]` → `］`, `<` → `﹤`, `>` → `﹥`. Everything else is shown as
typed. Inside `code` (values, ids, commands, CSV) characters are never rewritten, so what people
copy is what the bot accepts (only a backtick, the `](` of a would-be link, and the `< >` of a
placeholder are, since a card carries no markup). No mention
entities are ever added, so `<at>` text can never ping anyone."""

from __future__ import annotations

import json
import re
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

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
# Teams refuses a message over about 28 KB; the card keeps room for the activity around it.
MAX_CARD_BYTES = 24_000

LOOKALIKE = {"*": "∗", "_": "＿", "[": "［", "]": "］", "<": "﹤", ">": "﹥"}
_ESCAPED = re.compile(r"\\([\\`*_~\[\]()<>#|!])")
_CODE = re.compile(r"`([^`]+)`")
_STYLE = {Style.DEFAULT: "default", Style.PRIMARY: "positive", Style.DANGER: "destructive"}
_HELD = re.compile("\x00(\\d+)\x00")


def _literal(text: str) -> bool:
    """No escapes, no code and no placeholders: the text needs no rewriting (the common case,
    checked first because every line of every card passes through here)."""
    return "\\" not in text and "`" not in text and "\x00" not in text and "\x01" not in text


def _inert(text: str) -> str:
    """Literal text: characters that could start markup become look-alikes."""
    return "".join(LOOKALIKE.get(ch, ch) for ch in text)


_RAW = re.compile("\x01(\\d+)\x01")  # an escaped character, until we know if it is in code


def inline(text: str) -> str:
    """The core's markdown subset → Teams markdown. **bold** and _italic_ carry over; `code`
    (values, ids, commands, CSV) stays code, every character the real one, so what people copy
    is what the bot accepts; escaped (untrusted) characters elsewhere become look-alikes."""
    if _literal(text):
        return text
    held: list[str] = []
    raw: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    def keep(ch: str) -> str:
        raw.append(ch)
        return f"\x01{len(raw) - 1}\x01"

    def code(m: re.Match[str]) -> str:
        value = _RAW.sub(lambda r: raw[int(r.group(1))], _restore(m.group(1), held))
        # A backtick would end the code; `](` could make a link where code is not supported;
        # `<` `>` (placeholders such as `<id>`) stay look-alikes: a card carries no markup.
        value = value.replace("`", "ˋ").replace("](", "］(")
        return hold("`" + value.replace("<", "﹤").replace(">", "﹥") + "`")

    text = _ESCAPED.sub(lambda m: keep(m.group(1)), text)
    text = _CODE.sub(code, text)
    text = _RAW.sub(lambda m: hold(_inert(raw[int(m.group(1))])), text)
    return _restore(text, held)


def _restore(text: str, held: list[str]) -> str:
    return _HELD.sub(lambda m: held[int(m.group(1))], text)


def plain_text(text: str, *, inert: bool = False) -> str:
    """For places Teams shows as plain text (button titles, labels, notifications). With
    `inert`, escaped characters become look-alikes, for text that some clients read as
    markdown (a card's fallbackText)."""
    if _literal(text):
        return text.replace("**", "")
    held: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    text = _ESCAPED.sub(lambda m: hold(_inert(m.group(1)) if inert else m.group(1)), text)
    return _restore(_CODE.sub(r"\1", text).replace("**", ""), held)


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
    return [
        {"type": "TextBlock", "text": "\n".join(inline(x) for x in run), "wrap": True, **extra}
        for run in _paragraphs(text)
    ]


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


def _input(item: Choice | TextInput, required_message: str) -> dict[str, Any]:
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
        element["errorMessage"] = required_message
    return element


def block_elements(block: Block, *, required_message: str) -> list[dict[str, Any]]:
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


def card_json(
    card: Card, *, required_message: str = "Please answer this question.", with_chart: bool = True
) -> dict:
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
    from .charts import chart_element  # here: that module uses this one's text functions

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


def attachment(card: Card, *, required_message: str = "Please answer this question.") -> dict:
    return {"contentType": CARD_TYPE, "content": card_json(card, required_message=required_message)}


def message_json(reply: Reply, *, required_message: str = "Please answer this question.") -> dict:
    """A reply → the body of a Bot Framework message activity (without addressing)."""
    if reply.card is not None:
        return {
            "type": "message",
            "summary": plain_text(reply.fallback, inert=True),
            "attachments": [attachment(reply.card, required_message=required_message)],
        }
    return {"type": "message", "text": markdown(reply.text), "textFormat": "markdown"}
