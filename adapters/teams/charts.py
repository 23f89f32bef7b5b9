"""A neutral Chart as one of the chart elements Teams draws in an Adaptive Card.

Check results become `Chart.HorizontalBar` (a bar per principle), partners and staff
`Chart.VerticalBar.Grouped`, the report's trends `Chart.Line` (a line per principle). Each
element carries a `fallback`: the chart's one-line summary as text, which clients that cannot
draw the element show instead (and the card's own text says every number anyway). Property
names follow the Teams card schema (`tests/adapters/teams/schema/`); values the schema cannot
hold (a principle where everyone chose Don't know) are left out of the picture, not drawn as 0."""

from __future__ import annotations

from typing import Any

from bot.chart import Chart, ChartKind

from .text import plain_text

BARS, GROUPED, LINES = "Chart.HorizontalBar", "Chart.VerticalBar.Grouped", "Chart.Line"
# The colour sets Teams offers; "categorical" tells series apart by hue.
COLOUR_SET = "categorical"


def _fallback(chart: Chart) -> dict[str, Any]:
    return {"type": "TextBlock", "text": plain_text(chart.summary, inert=True), "wrap": True}


def _points(chart: Chart, values: tuple[float | None, ...]) -> list[dict[str, Any]]:
    return [
        {"x": plain_text(label, inert=True), "y": value}
        for label, value in zip(chart.labels, values, strict=True)
        if value is not None
    ]


def chart_element(chart: Chart) -> dict[str, Any]:
    """The Adaptive Card element that draws `chart`, with its text fallback."""
    element: dict[str, Any] = {"title": plain_text(chart.title, inert=True)}
    if chart.kind == ChartKind.BARS:
        element = {"type": BARS, **element, "colorSet": COLOUR_SET}
        element["data"] = _points(chart, chart.series[0].values)
        element["displayMode"] = "AbsoluteWithAxis"
    elif chart.kind == ChartKind.GROUPED:
        element = {"type": GROUPED, **element, "colorSet": COLOUR_SET, "showBarValues": True}
        element["data"] = [
            {"legend": plain_text(s.name, inert=True), "values": _points(chart, s.values)}
            for s in chart.series
        ]
    else:
        element = {"type": LINES, **element, "colorSet": COLOUR_SET}
        if chart.axis_title:
            element["xAxisTitle"] = plain_text(chart.axis_title, inert=True)
        element["data"] = [
            {"legend": plain_text(s.name, inert=True), "values": _points(chart, s.values)}
            for s in chart.series
        ]
    element["fallback"] = _fallback(chart)
    return element
