"""Values over time: every series on one plot, or (small multiples) each series in its own
panel, one under another so a phone shows them at full width. The latest value is written at
the end of each line; a gap in a line is a point with no value.

All panels share one plot area, each in its own band, with guide lines and words placed by
hand."""

from __future__ import annotations

import math

from ..chart import Chart, Series
from . import palette
from .figure import Key, Page, Plot
from .scene import Marks, Point, Scene, Stroke, Words
from .style import (
    LABEL_PT,
    LEFT,
    RIGHT,
    TICK_PT,
    WIDTH,
    centred,
    line_height,
    text_width,
    wrap,
)

PLOT = 1.25  # one panel's plot height, inches
SINGLE = 2.6  # the plot height with every line on one plot
TITLE_GAP = 0.08  # between a panel's title and its plot
PANEL_GAP = 0.22  # between one panel's plot and the next panel's title
MARGIN = 0.12  # inches above the top guide line and below the bottom one, inside a band
VALUE_ROOM = 0.45  # inches right of the last point, for its value
AXIS = 0.1 + line_height(TICK_PT)  # the time labels under the last panel


def _left(chart: Chart) -> float:
    """Room for the value axis' words."""
    longest = max((t.label for t in chart.scale.ticks), key=len, default="10")
    return LEFT + text_width(longest, TICK_PT) + 0.12


def _panels(chart: Chart) -> list[tuple[list[str], tuple[Series, ...], float]]:
    """(title lines, the series drawn, top of the plot band in inches) for each panel."""
    if not chart.small_multiples:
        return [([], chart.series, 0.0)]
    panels: list[tuple[list[str], tuple[Series, ...], float]] = []
    y = 0.0
    for series in chart.series:
        lines = wrap(series.name, LABEL_PT, bold=True)
        y += len(lines) * line_height(LABEL_PT) + TITLE_GAP
        panels.append((lines, (series,), y))
        y += PLOT + PANEL_GAP
    return panels


def _every(chart: Chart, width_in: float) -> int:
    """Show every n-th time label so that none overlap."""
    longest = max(chart.labels, key=len, default="")
    fits = max(1, int(width_in // (text_width(longest, TICK_PT) + 0.15)))
    return max(1, math.ceil(len(chart.labels) / fits))


def draw_lines(chart: Chart) -> Scene:
    left = _left(chart)
    panels = _panels(chart)
    band = PLOT if chart.small_multiples else SINGLE
    keys = []
    if not chart.small_multiples and len(chart.series) > 1:
        keys = [
            Key(s.name, palette.series_colour(i), marker=palette.MARKERS[i % len(palette.MARKERS)])
            for i, s in enumerate(chart.series)
        ]
    page = Page(chart, body=panels[-1][2] + band, left=left, keys=keys)
    scene = page.scene()
    count = len(chart.labels)
    width_in = WIDTH - left - RIGHT
    span = max(count - 1, 1)
    plot = page.plot(-0.25, (count - 1) + span * VALUE_ROOM / max(width_in - VALUE_ROOM, 0.5) + 0.1)
    for lines, series, top in panels:
        for k, line in enumerate(lines):
            y = top - TITLE_GAP - (len(lines) - k) * line_height(LABEL_PT)
            page.text(scene, plot.y(y), line, LABEL_PT, bold=True)
        _panel(scene, plot, chart, series, top, band)
    _time_labels(scene, plot, chart, panels[-1][2] + band, width_in)
    return scene


def _panel(
    scene: Scene, plot: Plot, chart: Chart, series: tuple[Series, ...], top: float, band: float
) -> None:
    low, high = chart.scale.low, chart.top

    def at(value: float) -> float:
        """Inches from the page's top for a value in this panel's band."""
        share = (value - low) / ((high - low) or 1.0)
        return plot.y(top + band - MARGIN - share * (band - 2 * MARGIN))

    count = len(chart.labels)
    words_at = plot.left - 6 / 72  # the scale's words end 6 points left of the plot
    guides: list[Point | None] = []
    for tick in chart.scale.ticks:
        y = at(tick.value)
        guides += [(plot.x(-0.25), y), (plot.x(count - 1 + 0.25), y), None]
        scene.add(
            Words(words_at, centred(y, TICK_PT), tick.label, TICK_PT, palette.TEXT, anchor="end")
        )
    scene.add(Stroke(tuple(guides), palette.GRID, 1))
    after = 7 / 72  # the latest value starts 7 points after its point
    ends: list[tuple[float, float, float]] = []  # (x, y in inches, value) of each latest value
    for one in series:
        # Small multiples need no colour to tell the lines apart: each has its own panel.
        index = 0 if chart.small_multiples else chart.series.index(one)
        colour = palette.series_colour(index)
        points = tuple(None if v is None else (plot.x(i), at(v)) for i, v in enumerate(one.values))
        scene.add(Stroke(points, colour, 2.5))
        marker = palette.MARKERS[index % len(palette.MARKERS)]
        scene.add(Marks(tuple(p for p in points if p is not None), marker, colour, 7))
        known = [(i, v) for i, v in enumerate(one.values) if v is not None]
        if known:
            i, v = known[-1]
            ends.append((i, at(v), v))
    for x, y, v in _apart(ends):
        scene.add(
            Words(
                plot.x(x) + after,
                centred(y, LABEL_PT),
                chart.scale.number(v),
                LABEL_PT,
                palette.TEXT,
                bold=True,
            )
        )


def _apart(ends: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Latest values moved apart (top to bottom) so that no two written values overlap."""
    placed: list[tuple[float, float, float]] = []
    for x, y, v in sorted(ends, key=lambda e: e[1]):
        if placed and y - placed[-1][1] < line_height(LABEL_PT) and abs(x - placed[-1][0]) < 1:
            y = placed[-1][1] + line_height(LABEL_PT)
        placed.append((x, y, v))
    return placed


def _time_labels(scene: Scene, plot: Plot, chart: Chart, bottom: float, width_in: float) -> None:
    """The points in time under the last panel (they are the same for every panel)."""
    every = _every(chart, width_in)
    below_plot = plot.y(bottom) + 0.08
    for i in range(0, len(chart.labels), every):
        Page.text(scene, below_plot, chart.labels[i], TICK_PT, x=plot.x(i), anchor="middle")
    if chart.axis_title:
        Page.text(
            scene,
            below_plot + line_height(TICK_PT),
            chart.axis_title,
            TICK_PT,
            x=plot.left + plot.width / 2,
            anchor="middle",
        )
