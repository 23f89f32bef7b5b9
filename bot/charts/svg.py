"""A chart's `Scene` written as an inline `<svg>`, ready to put inside a page: its words as text
(searchable, selectable, read by the browser's own font), a text alternative (`role="img"`,
`<title>` and `<desc>`, named by `aria-labelledby`) that says what it shows, and every id
prefixed so that several charts on one page never clash. Written directly, in order, with
fixed number formatting: the same chart gives the same bytes in every process."""

from __future__ import annotations

import hashlib
import re
from xml.sax.saxutils import escape, quoteattr

from ..chart import Chart
from .scene import HATCH_LINE_PT, HATCH_PT, Box, Marks, Scene, Stroke, Words, outline
from .style import FONT_FAMILY

PT = 72.0  # the SVG's units are points: inches × 72


def prefix(chart: Chart) -> str:
    """A stable id prefix for one chart: its id and a short digest of what it shows."""
    digest = hashlib.sha256(repr(chart).encode()).hexdigest()[:8]
    name = re.sub(r"[^A-Za-z0-9_-]", "-", chart.id or "chart")
    return f"{name}-{digest}"


def n(value: float) -> str:
    """A coordinate in points, to a hundredth."""
    text = f"{value * PT:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _pattern(pid: str, hatch: str, colour: str) -> str:
    p, w = HATCH_PT, HATCH_LINE_PT
    if hatch.startswith("."):
        shapes = f'<circle cx="{p / 4}" cy="{p / 4}" r="{p / 6}"/>'
        shapes += f'<circle cx="{p * 3 / 4}" cy="{p * 3 / 4}" r="{p / 6}"/>'
        body = f'<g fill="{colour}">{shapes}</g>'
    else:
        d = f"M{-w} {w}L{w} {-w}M0 {p}L{p} 0M{p - w} {p + w}L{p + w} {p - w}"
        if "x" in hatch:
            d += f"M{-w} {p - w}L{w} {p + w}M0 0L{p} {p}M{p - w} {-w}L{p + w} {w}"
        body = f'<path d="{d}" stroke="{colour}" stroke-width="{w}"/>'
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{p}" height="{p}">'
        f"{body}</pattern>"
    )


def _rect(box: Box, paint: str) -> str:
    return (
        f'<rect x="{n(box.x)}" y="{n(box.y)}" width="{n(box.width)}" '
        f'height="{n(box.height)}" {paint}/>'
    )


def _box(box: Box, patterns: dict[tuple[str, str], str], base: str) -> str:
    """The box's fill, its hatch over it, then its outline over both."""
    out = _rect(box, f'fill="{box.fill}"')
    if box.hatch:
        key = (box.hatch, box.hatch_colour)
        pid = patterns.setdefault(key, f"{base}-hatch-{len(patterns) + 1}")
        out += _rect(box, f'fill="url(#{pid})"')
    if box.edge:
        out += _rect(box, f'fill="none" stroke="{box.edge}" stroke-width="{box.edge_pt}"')
    return out


def _stroke(stroke: Stroke) -> str:
    d, pen_down = [], False
    for point in stroke.points:
        if point is None:
            pen_down = False
            continue
        d.append(f"{'L' if pen_down else 'M'}{n(point[0])} {n(point[1])}")
        pen_down = True
    return (
        f'<path d="{"".join(d)}" fill="none" stroke="{stroke.colour}" '
        f'stroke-width="{stroke.pt}" stroke-linejoin="round"/>'
    )


def _marks(marks: Marks) -> str:
    half = marks.size / PT / 2
    shapes = []
    for x, y in marks.points:
        if marks.shape == "o":
            shapes.append(f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(half)}"/>')
        elif marks.shape == "|":
            shapes.append(f'<path d="M{n(x)} {n(y - half)}V{n(y + half)}"/>')
        else:
            corners = "L".join(f"{n(a)} {n(b)}" for a, b in outline(marks.shape, x, y, marks.size))
            shapes.append(f'<path d="M{corners}Z"/>')
    return (
        f'<g fill="{marks.colour}" stroke="{marks.colour}" stroke-width="{marks.edge_pt}">'
        f"{''.join(shapes)}</g>"
    )


def _words(words: Words) -> str:
    weight = ' font-weight="bold"' if words.bold else ""
    anchor = f' text-anchor="{words.anchor}"' if words.anchor != "start" else ""
    return (
        f'<text x="{n(words.x)}" y="{n(words.y)}" font-size="{words.pt}" '
        f'fill="{words.colour}"{weight}{anchor}>{escape(words.text)}</text>'
    )


def write(scene: Scene, chart: Chart) -> str:
    """The inline `<svg>` for `chart`, drawn from its scene."""
    base = prefix(chart)
    title, desc = f"{base}-title", f"{base}-desc"
    width, height = n(scene.width), n(scene.height)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{title} {desc}" '
        f'style="max-width:100%;height:auto">'
        f"<title id={quoteattr(title)}>{escape(chart.title)}</title>"
        f"<desc id={quoteattr(desc)}>{escape(chart.summary)}</desc>"
    )
    patterns: dict[tuple[str, str], str] = {}
    shapes = [f'<rect width="{width}" height="{height}" fill="{scene.background}"/>']
    for item in scene.items:
        if isinstance(item, Box):
            shapes.append(_box(item, patterns, base))
        elif isinstance(item, Stroke):
            shapes.append(_stroke(item))
        elif isinstance(item, Marks):
            shapes.append(_marks(item))
    defs = "".join(_pattern(pid, h, c) for (h, c), pid in patterns.items())
    words = "".join(_words(w) for w in scene.words())
    return (
        head
        + (f"<defs>{defs}</defs>" if defs else "")
        + "".join(shapes)
        + f'<g font-family="{FONT_FAMILY}">{words}</g></svg>\n'
    )
