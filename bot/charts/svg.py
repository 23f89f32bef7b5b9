"""Make the plotting library's SVG ready to put inside a page: no XML prolog or metadata, every
id prefixed so that several charts on one page never clash, and a text alternative
(`role="img"`, `<title>` and `<desc>`, named by `aria-labelledby`) that says what it shows."""

from __future__ import annotations

import hashlib
import re
from xml.sax.saxutils import escape, quoteattr

from .model import Chart

_PROLOG = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
_URL = re.compile(r"url\(#([^)]+)\)")
_OPEN = re.compile(r"<svg\b([^>]*)>")


def prefix(chart: Chart) -> str:
    """A stable id prefix for one chart: its id and a short digest of what it shows."""
    digest = hashlib.sha256(repr(chart).encode()).hexdigest()[:8]
    name = re.sub(r"[^A-Za-z0-9_-]", "-", chart.id or "chart")
    return f"{name}-{digest}"


def accessible(raw: str, chart: Chart) -> str:
    """The inline `<svg>` for `chart` from the library's raw SVG document."""
    base = prefix(chart)
    body = _PROLOG.sub("", raw, count=1)
    body = _METADATA.sub("", body, count=1)
    body = _ID.sub(lambda m: f'id="{base}-{m.group(1)}"', body)
    body = _HREF.sub(lambda m: f'href="#{base}-{m.group(1)}"', body)
    body = _URL.sub(lambda m: f"url(#{base}-{m.group(1)})", body)
    title, desc = f"{base}-title", f"{base}-desc"

    def _open(match: re.Match[str]) -> str:
        return (
            f'<svg{match.group(1)} role="img" aria-labelledby="{title} {desc}" '
            f'style="max-width:100%;height:auto">'
            f"<title id={quoteattr(title)}>{escape(chart.title)}</title>"
            f"<desc id={quoteattr(desc)}>{escape(chart.summary)}</desc>"
        )

    return _OPEN.sub(_open, body, count=1).strip() + "\n"
