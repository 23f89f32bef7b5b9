"""The core's small markdown subset, and how untrusted text is made inert before it joins it.

The core writes **bold**, _italic_, `code` and "- " list lines. Adapters translate that to
Block Kit mrkdwn, Adaptive Card markdown or HTML. Text that came from people (glossary entries,
admin prompts, meeting names) goes through `plain()` first so it can never add formatting,
links or mentions, whatever the platform."""

from __future__ import annotations

import re
import unicodedata

from . import inbound

MAX_UNTRUSTED = 3000

_MARKDOWN = re.compile(r"([\\`*_~\[\]()<>#|!])")


def clean(text: str, *, limit: int = MAX_UNTRUSTED) -> str:
    """Strip invisible and control characters, normalise, and cap the length."""
    text = inbound.clean(unicodedata.normalize("NFC", text), echo=True)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def plain(text: str, *, limit: int = MAX_UNTRUSTED) -> str:
    """Untrusted text made safe to embed in the core's markdown: cleaned, markup escaped."""
    return _MARKDOWN.sub(r"\\\1", clean(text, limit=limit))


def unescape(text: str) -> str:
    """Undo `plain()` escaping, for renderers that carry text as literal plain text."""
    return re.sub(r"\\([\\`*_~\[\]()<>#|!])", r"\1", text)
