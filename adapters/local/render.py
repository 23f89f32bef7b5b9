"""Render neutral replies as HTML for the local chat: pure functions, escaped throughout.

A card's chart is inline SVG (`role="img"`, its title and one-line summary as the text
alternative), drawn beforehand by `draw_charts` off the event loop; a chart not drawn (yet)
leaves the card as text, which says every number anyway."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from bot.charts import render
from bot.model import (
    Buttons,
    Card,
    Choice,
    Context,
    Divider,
    Fields,
    Form,
    Reply,
    Text,
    TextInput,
    reply_to_dict,
)

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w\\])_(.+?)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_CODE_LINE = re.compile(r"^`([^`]+)`$")


def inline(text: str) -> str:
    """The core's markdown subset → HTML. Escaped characters (from `bot.markup.plain`) stay
    literal, and everything is HTML-escaped, so no tag or formatting gets through."""
    held: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    text = re.sub(r"\\([\\`*_~\[\]()<>#|!])", lambda m: hold(html.escape(m.group(1))), text)
    text = _CODE.sub(lambda m: hold(f"<code>{html.escape(m.group(1))}</code>"), text)
    out = html.escape(text, quote=False)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    for _ in range(2):  # codes may hold escaped characters
        out = re.sub("\x00(\\d+)\x00", lambda m: held[int(m.group(1))], out)
    return out


def code_block(lines: list[str]) -> str:
    """Lines that are each all code (CSV rows, commands) as one block that keeps each line
    whole and scrolls sideways inside itself on a narrow screen; it takes keyboard focus so
    it can be scrolled without a mouse."""
    body = "\n".join(html.escape(re.sub(r"\\([\\`*_~\[\]()<>#|!])", r"\1", x)) for x in lines)
    return f'<pre class="code" tabindex="0"><code>{body}</code></pre>'


def markdown(text: str) -> str:
    """Paragraphs and "- " lists → HTML."""
    parts: list[str] = []
    items: list[str] = []
    lines: list[str] = []

    def flush_lines() -> None:
        codes = [m.group(1) for x in lines if (m := _CODE_LINE.match(x.strip()))]
        if lines and len(codes) == len(lines):
            parts.append(code_block(codes))
            lines.clear()
        elif lines:
            parts.append("<p>" + "<br>".join(inline(x) for x in lines) + "</p>")
            lines.clear()

    def flush_items() -> None:
        if items:
            parts.append("<ul>" + "".join(f"<li>{inline(x)}</li>" for x in items) + "</ul>")
            items.clear()

    for line in text.split("\n"):
        if line.startswith("- "):
            flush_lines()
            items.append(line[2:])
        else:
            flush_items()
            if line.strip():
                lines.append(line)
            else:
                flush_lines()
    flush_lines()
    flush_items()
    return "".join(parts)


def _attr(value: Any) -> str:
    return html.escape(json.dumps(value) if not isinstance(value, str) else value, quote=True)


def _choice(form_id: str, q: Choice) -> str:
    name = f"{form_id}-{q.id}"
    options = "".join(
        f'<label class="opt"><input type="radio" name="{_attr(q.id)}" value="{_attr(o.value)}"'
        f"{' checked' if q.initial == o.value else ''}{' required' if q.required else ''}>"
        f" {html.escape(o.label)}</label>"
        for o in q.options
    )
    return (
        f'<fieldset class="choice" id="{_attr(name)}"><legend>{inline(q.label)}</legend>'
        f"{options}</fieldset>"
    )


def _text_input(form_id: str, q: TextInput) -> str:
    ident = _attr(f"{form_id}-{q.id}")
    common = (
        f'id="{ident}" name="{_attr(q.id)}" maxlength="{q.max_length}" '
        f'placeholder="{_attr(q.placeholder)}"{" required" if q.required else ""}'
    )
    field = (
        f"<textarea {common}>{html.escape(q.initial)}</textarea>"
        if q.multiline
        else f'<input type="text" {common} value="{_attr(q.initial)}">'
    )
    return f'<div class="text-input"><label for="{ident}">{inline(q.label)}</label>{field}</div>'


def block_html(block: object) -> str:
    if isinstance(block, Text):
        return f'<div class="text">{markdown(block.text)}</div>'
    if isinstance(block, Fields):
        rows = "".join(f"<dt>{inline(k)}</dt><dd>{inline(v)}</dd>" for k, v in block.items)
        return f'<dl class="fields">{rows}</dl>'
    if isinstance(block, Context):
        return f'<p class="context">{inline(block.text)}</p>'
    if isinstance(block, Divider):
        return "<hr>"
    if isinstance(block, Buttons):
        buttons = "".join(
            f'<button type="button" class="btn {b.style}" data-action="{_attr(b.action_id)}" '
            f'data-value="{_attr(b.value)}">{html.escape(b.label)}</button>'
            for b in block.buttons
        )
        return f'<div class="buttons">{buttons}</div>'
    if isinstance(block, Form):
        inputs = "".join(
            _choice(block.id, q) if isinstance(q, Choice) else _text_input(block.id, q)
            for q in block.inputs
        )
        return (
            f'<form class="card-form" novalidate data-action="{_attr(block.action_id)}" '
            f'data-value="{_attr(block.value)}">{inputs}'
            f'<button type="submit" class="btn primary">{html.escape(block.submit_label)}'
            "</button></form>"
        )
    raise TypeError(f"no HTML rendering for {type(block).__name__}")


log = logging.getLogger(__name__)


async def draw_charts(replies: Sequence[Reply]) -> None:
    """Draw the replies' charts (kept by `bot.charts.render`) so their cards can show them."""
    charts = [r.card.chart for r in replies if r.card is not None and r.card.chart is not None]
    for chart in charts:
        try:
            await render.svg(chart)
        except Exception as exc:  # the card goes out as text
            log.warning("Local chat: chart %s not drawn: %s", chart.id or "chart", exc)


def _chart_html(card: Card) -> str:
    drawn = render.cached(card.chart, "svg") if card.chart is not None else None
    return f'<figure class="chart">{drawn}</figure>' if isinstance(drawn, str) else ""


def card_html(card: Card) -> str:
    parts = [block_html(b) for b in card.blocks]
    picture = _chart_html(card)
    if picture:
        at = next((i for i, b in enumerate(card.blocks) if isinstance(b, Divider)), len(parts))
        parts.insert(at, picture)
    body = "".join(parts)
    return (
        f'<article class="card" aria-label="{_attr(card.title)}">'
        f"<h3>{html.escape(card.title)}</h3>{body}</article>"
    )


def file_html(reply: Reply, link: str, note: str) -> str:
    """A reply's file as a download link, with what it is and how long the link works."""
    file = reply.file
    assert file is not None
    return (
        f'<p class="file"><a href="{_attr(link)}" download="{_attr(file.name)}">'
        f"{html.escape(file.name)}</a>: {html.escape(file.summary)}</p>"
        f'<p class="context">{html.escape(note)}</p>'
    )


def reply_html(reply: Reply, *, link: str = "", link_label: str = "") -> str:
    if reply.card is not None:
        out = card_html(reply.card)
    else:
        out = f'<div class="text">{markdown(reply.text)}</div>'
    if reply.file is not None and link:
        out += file_html(reply, link, link_label)
    return out


def reply_json(reply: Reply, *, link: str = "", link_note: str = "") -> dict[str, Any]:
    """A reply as the local API returns it: the neutral fields, its HTML (with the download
    link of its file, if any: `link`), and whether it replaces the card it answers (the page
    then leaves a sent form closed)."""
    return {
        **reply_to_dict(reply),
        "html": reply_html(reply, link=link, link_label=link_note),
        "replace_card": reply.replace_card,
        "link": link or None,
    }
