"""The injection corpus (tests/fixtures/injection.json) and checks that rendered text is inert.

Renderer tests (local HTML here; Slack Block Kit and Adaptive Cards in their adapters' tests)
load the same cases so every platform is checked against the same hostile text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "fixtures" / "injection.json"
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


# Every element the local renderer itself writes; anything else came from the text.
RENDERER_TAGS = {
    "article",
    "h3",
    "div",
    "p",
    "br",
    "ul",
    "li",
    "strong",
    "em",
    "code",
    "hr",
    "dl",
    "dt",
    "dd",
    "form",
    "input",
    "textarea",
    "label",
    "button",
    "fieldset",
    "legend",
}


def cases(*, include_too_long: bool = True) -> list[dict[str, Any]]:
    """Each case: `name`, `text`, and `too_long` when length caps must refuse it."""
    data = json.loads(CORPUS.read_text(encoding="utf-8"))["cases"]
    return [c for c in data if include_too_long or not c.get("too_long")]


def visible_text(markup: str) -> str:
    """What a reader sees in some HTML: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def assert_inert_html(markup: str, literal: str | None = None) -> None:
    """No element, link, mention or invisible character came from untrusted text, and
    `literal` (the cleaned text) is shown exactly as typed, so no markup in it took effect."""
    for tag in re.finditer(r"<\s*/?\s*([a-zA-Z!@][^\s>/]*)([^>]*)>", markup):
        name, attributes = tag.group(1).lower(), tag.group(2).lower()
        assert name in RENDERER_TAGS, f"<{name}> got through: {markup[:300]}"
        assert not re.search(r"\b(on\w+|href|src)\s*=", attributes), tag.group(0)
    assert not INVISIBLE.search(markup), "an invisible character got through"
    if literal is not None:
        assert literal in visible_text(markup), f"not shown literally: {literal[:80]!r}"
