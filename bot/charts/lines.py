"""Values over time: every series on one plot, or (small multiples) each series in its own
panel, one under another so a phone shows them at full width. The latest value is written at
the end of each line; a gap in a line is a point with no value.

All panels are drawn on one plot area, each in its own band, with guide lines and words placed
by hand: a separate plot area per panel (with the library's tick machinery) cost four times
as much to draw, and a report draws many of these."""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory, offset_copy

from . import palette
from .figure import Key, Page, font
from .model import Chart, Series
from .style import LABEL_PT, LEFT, RIGHT, TICK_PT, WIDTH, line_height, text_width, wrap

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
        lines = wrap(series.name, LABEL_PT)
        y += len(lines) * line_height(LABEL_PT) + TITLE_GAP
        panels.append((lines, (series,), y))
        y += PLOT + PANEL_GAP
    return panels


def _every(chart: Chart, width_in: float) -> int:
    """Show every n-th time label so that none overlap."""
    longest = max(chart.labels, key=len, default="")
    fits = max(1, int(width_in // (text_width(longest, TICK_PT) + 0.15)))
    return max(1, math.ceil(len(chart.labels) / fits))


def draw_lines(chart: Chart) -> Figure:
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
    fig = page.figure()
    ax = page.axes(fig)
    ax.set_axis_off()
    count = len(chart.labels)
    width_in = WIDTH - left - RIGHT
    span = max(count - 1, 1)
    ax.set_xlim(-0.25, (count - 1) + span * VALUE_ROOM / max(width_in - VALUE_ROOM, 0.5) + 0.1)
    ax.set_ylim(page.body, 0)
    for lines, series, top in panels:
        for k, line in enumerate(lines):
            y = top - TITLE_GAP - (len(lines) - k) * line_height(LABEL_PT)
            page.text(fig, page.top_of_body + y, line, LABEL_PT, bold=True)
        _panel(ax, fig, chart, series, top, band)
    _time_labels(ax, chart, panels[-1][2] + band, width_in)
    return fig


def _panel(
    ax: Axes, fig: Figure, chart: Chart, series: tuple[Series, ...], top: float, band: float
) -> None:
    low, high = chart.scale.low, chart.top

    def at(value: float) -> float:
        """Inches from the plot's top for a value in this panel's band."""
        share = (value - low) / ((high - low) or 1.0)
        return top + band - MARGIN - share * (band - 2 * MARGIN)

    count = len(chart.labels)
    words_at = offset_copy(
        blended_transform_factory(ax.transAxes, ax.transData), fig=fig, x=-6, units="points"
    )
    for tick in chart.scale.ticks:
        ax.hlines(at(tick.value), -0.25, count - 1 + 0.25, color=palette.GRID, linewidth=1)
        ax.text(
            0,
            at(tick.value),
            tick.label,
            transform=words_at,
            ha="right",
            va="center",
            color=palette.TEXT,
            fontproperties=font(TICK_PT),
        )
    after = offset_copy(ax.transData, fig=fig, x=7, y=0, units="points")
    ends: list[tuple[float, float, float]] = []  # (x, y in inches, value) of each latest value
    for one in series:
        # Small multiples need no colour to tell the lines apart: each has its own panel.
        index = 0 if chart.small_multiples else chart.series.index(one)
        ys = [math.nan if v is None else at(v) for v in one.values]
        ax.add_line(  # not plot(): that would consult the colour cycle
            Line2D(
                list(range(count)),
                ys,
                color=palette.series_colour(index),
                linewidth=2.5,
                marker=palette.MARKERS[index % len(palette.MARKERS)],
                markersize=7,
                zorder=3,
            )
        )
        known = [(i, v) for i, v in enumerate(one.values) if v is not None]
        if known:
            i, v = known[-1]
            ends.append((i, at(v), v))
    for x, y, v in _apart(ends):
        ax.text(
            x,
            y,
            chart.scale.number(v),
            transform=after,
            va="center",
            color=palette.TEXT,
            fontproperties=font(LABEL_PT, bold=True),
        )


def _apart(ends: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Latest values moved apart (top to bottom) so that no two written values overlap."""
    placed: list[tuple[float, float, float]] = []
    for x, y, v in sorted(ends, key=lambda e: e[1]):
        if placed and y - placed[-1][1] < line_height(LABEL_PT) and abs(x - placed[-1][0]) < 1:
            y = placed[-1][1] + line_height(LABEL_PT)
        placed.append((x, y, v))
    return placed


def _time_labels(ax: Axes, chart: Chart, bottom: float, width_in: float) -> None:
    """The points in time under the last panel (they are the same for every panel)."""
    every = _every(chart, width_in)
    for i in range(0, len(chart.labels), every):
        ax.text(
            i,
            bottom + 0.08,
            chart.labels[i],
            ha="center",
            va="top",
            color=palette.TEXT,
            fontproperties=font(TICK_PT),
        )
    if chart.axis_title:
        ax.text(
            0.5,
            bottom + 0.08 + line_height(TICK_PT),
            chart.axis_title,
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            ha="center",
            va="top",
            color=palette.TEXT,
            fontproperties=font(TICK_PT),
        )
