"""Values over time: every series on one plot, or (small multiples) each series in its own
panel, one under another so a phone shows them at full width. The latest value is written at
the end of each line; a gap in a line is a point with no value."""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

from . import palette
from .figure import Key, Page, font, plain_axes, value_ticks
from .model import Chart, Series
from .style import LABEL_PT, LEFT, RIGHT, TICK_PT, WIDTH, line_height, text_width, wrap

PLOT = 1.25  # one panel's plot height, inches
SINGLE = 2.6  # the plot height with every line on one plot
PANEL_GAP = 0.12
AXIS = 0.1 + line_height(TICK_PT)  # the time labels under a panel
VALUE_ROOM = 0.45  # inches right of the last point, for its value


def _left(chart: Chart) -> float:
    """Room for the value axis' words."""
    longest = max((t.label for t in chart.scale.ticks), key=len, default="10")
    return LEFT + text_width(longest, TICK_PT) + 0.12


def _panel(series: Series) -> tuple[list[str], float]:
    """A small multiple's title lines and its total height."""
    lines = wrap(series.name, LABEL_PT)
    return lines, len(lines) * line_height(LABEL_PT) + 0.06 + PLOT + AXIS + PANEL_GAP


def draw_lines(chart: Chart) -> Figure:
    left = _left(chart)
    if chart.small_multiples:
        body = sum(_panel(s)[1] for s in chart.series) - PANEL_GAP - AXIS
        page = Page(chart, body=body, left=left)
        fig = page.figure()
        y = 0.0
        for i, series in enumerate(chart.series):
            lines, height = _panel(series)
            for k, line in enumerate(lines):
                page.text(
                    fig,
                    page.top_of_body + y + k * line_height(LABEL_PT),
                    line,
                    LABEL_PT,
                    bold=True,
                )
            title = len(lines) * line_height(LABEL_PT) + 0.06
            ax = page.axes(fig, top=y + title, height=PLOT)
            _plot(ax, fig, chart, (series,), i == len(chart.series) - 1)
            y += height
        return fig
    keys = [
        Key(s.name, palette.series_colour(i), marker=palette.MARKERS[i % len(palette.MARKERS)])
        for i, s in enumerate(chart.series)
    ]
    page = Page(chart, body=SINGLE, left=left, keys=keys if len(chart.series) > 1 else [])
    fig = page.figure()
    _plot(page.axes(fig), fig, chart, chart.series, True)
    return fig


def _every(chart: Chart, width_in: float) -> int:
    """Show every n-th time label so that none overlap."""
    longest = max(chart.labels, key=len, default="")
    per_label = text_width(longest, TICK_PT) + 0.15
    fits = max(1, int(width_in // per_label))
    return max(1, math.ceil(len(chart.labels) / fits))


def _plot(ax: Axes, fig: Figure, chart: Chart, series: tuple[Series, ...], last: bool) -> None:
    plain_axes(ax)
    ax.spines["bottom"].set_visible(False)  # the guide line at the scale's foot is enough
    count = len(chart.labels)
    width_in = WIDTH - _left(chart) - RIGHT
    span = max(count - 1, 1)
    room = span * VALUE_ROOM / max(width_in - VALUE_ROOM, 0.5)
    ax.set_xlim(-0.25, (count - 1) + room + 0.1)
    ax.set_ylim(chart.scale.low - 0.15, chart.top + 0.15)
    value_ticks(ax, chart, axis="y")
    every = _every(chart, width_in)
    shown = list(range(0, count, every))
    ax.set_xticks(
        shown,
        [chart.labels[i] for i in shown],
        fontproperties=font(TICK_PT),
        color=palette.TEXT,
    )
    if chart.axis_title and last:
        ax.set_xlabel(chart.axis_title, fontproperties=font(TICK_PT), color=palette.TEXT)
    after = offset_copy(ax.transData, fig=fig, x=7, y=0, units="points")
    for j, one in enumerate(series):
        # Small multiples need no colour to tell the lines apart: each has its own panel.
        index = 0 if chart.small_multiples else chart.series.index(one)
        colour = palette.series_colour(index)
        ys = [math.nan if v is None else v for v in one.values]
        ax.plot(
            range(count),
            ys,
            color=colour,
            linewidth=2.5,
            marker=palette.MARKERS[index % len(palette.MARKERS)],
            markersize=7,
            zorder=3 + j,
        )
        known = [(i, v) for i, v in enumerate(one.values) if v is not None]
        if known:
            i, v = known[-1]
            ax.text(
                i,
                v,
                chart.scale.number(v),
                transform=after,
                va="center",
                color=palette.TEXT,
                fontproperties=font(LABEL_PT, bold=True),
            )
