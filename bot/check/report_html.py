"""Write a Report as one self-contained HTML file: styles and charts (inline SVG) inside it, no
scripts and no external requests, readable on screen and printed on A4. Every piece of text is
escaped; headings, table captions and header cells, and each chart's text alternative make it
readable with a screen reader (WCAG 2.2 AA: checked with axe-core in tests/report)."""

from __future__ import annotations

import html

from ..charts import render
from ..report.sections import Section, Table
from .report_build import Report

# Colours: text #1A1A1A and #4D4D4D on white (over 8:1), table lines #767676 (4.5:1).
STYLE = """
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 "DejaVu Sans", Arial, sans-serif; }
body { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1a1a1a; }
.subtitle, .small, footer { color: #4d4d4d; }
blockquote { margin: .5rem 0 1rem; padding-left: 1rem; border-left: 4px solid #0072b2; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #767676; padding: .3rem .4rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
td.n, th.n { text-align: right; }
nav ul { padding-left: 1.25rem; }
@media (max-width: 30rem) { body { padding: .75rem; } :root { font-size: 15px; } }
a { color: #0a58a8; }
@page { size: A4; margin: 15mm; }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  section, figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _table(table: Table) -> str:
    head = "".join(
        f'<th scope="col"{" class=n" if i else ""}>{_e(h)}</th>'
        for i, h in enumerate(table.headings)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{_e(c)}</th>' if i == 0 else f'<td class="n">{_e(c)}</td>'
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{_e(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _section(section: Section, pictures: dict[int, str], index: int) -> str:
    anchor = _e(section.id or f"section-{index}")
    parts = [
        f'<section aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">{_e(section.heading)}</h2>'
    ]
    for i, text in enumerate(section.paragraphs):
        quote = section.id == "about" and i == 1  # the framework's definition, word for word
        parts.append(
            f"<blockquote><p>{_e(text)}</p></blockquote>" if quote else f"<p>{_e(text)}</p>"
        )
    for chart in section.charts:
        svg = pictures.get(id(chart), "")
        note = f'<figcaption class="small">{_e(chart.note)}</figcaption>' if chart.note else ""
        parts.append(f"<figure>{svg}{note}</figure>")
    parts.extend(_table(t) for t in section.tables)
    parts.append("</section>")
    return "".join(parts)


async def report_html(report: Report, *, contents: str, footer: str) -> str:
    """The report as a complete HTML document (charts drawn off the event loop, in parallel)."""
    charts = [c for s in report.sections for c in s.charts]
    drawn = await render.svgs(charts)
    pictures = {id(c): svg for c, svg in zip(charts, drawn, strict=True)}
    links = "".join(
        f'<li><a href="#{_e(s.id or f"section-{i}")}-h">{_e(s.heading)}</a></li>'
        for i, s in enumerate(report.sections)
    )
    body = "".join(_section(s, pictures, i) for i, s in enumerate(report.sections))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(report.lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{STYLE}</style></head><body>"
        f'<header><h1>{_e(report.title)}</h1><p class="subtitle">{_e(report.subtitle)}</p></header>'
        f'<nav aria-label="{_e(contents)}"><h2>{_e(contents)}</h2><ul>{links}</ul></nav>'
        f"<main>{body}</main><footer><p>{_e(footer)}</p></footer></body></html>\n"
    )
