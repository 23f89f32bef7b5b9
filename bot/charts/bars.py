"""Horizontal bars, one row per label: the label above, its bar(s) below, the value written at
the end. BARS draws one bar per row with an optional spread line across it; GROUPED draws each
series' bar in the row, the second one hatched so colour is not the only cue.

Guide lines run only beside the bars (never through a label), and the scale's words sit under
the last row; both are placed by hand rather than by the library's tick machinery, which
costs more than the bars themselves."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import blended_transform_factory, offset_copy

from . import palette
from .figure import Key, Page, font, scale_ticks
from .model import Chart, ChartKind
from .style import LABEL_PT, LEFT, RIGHT, TICK_PT, WIDTH, line_height, text_width, wrap

PAD = 0.06  # inches above each label and below each row's bars
BAR = 0.30  # one bar's thickness, inches
GROUP_BAR = 0.24  # a bar's thickness when there are several in a row
BAR_GAP = 0.05
VALUE_ROOM = 0.5  # inches kept right of the longest bar for its value


def _bar(chart: Chart) -> float:
    return GROUP_BAR if chart.kind == ChartKind.GROUPED else BAR


def _block(chart: Chart) -> float:
    """The height of one row's bars."""
    bars = len(chart.series) if chart.kind == ChartKind.GROUPED else 1
    return bars * (_bar(chart) + BAR_GAP) - BAR_GAP


def _rows(chart: Chart) -> tuple[list[tuple[list[str], float]], float]:
    """Each row's label lines and the top of its bars (inches from the plot's top), and the
    plot's height."""
    rows, y = [], 0.0
    for label in chart.labels:
        lines = wrap(label, LABEL_PT)
        y += PAD + len(lines) * line_height(LABEL_PT) + PAD
        rows.append((lines, y))
        y += _block(chart) + PAD
    return rows, y


def _keys(chart: Chart) -> list[Key]:
    if chart.kind != ChartKind.GROUPED:
        return []
    return [
        Key(s.name, palette.series_colour(i), palette.HATCHES[i % len(palette.HATCHES)])
        for i, s in enumerate(chart.series)
    ]


def draw_bars(chart: Chart) -> Figure:
    rows, body = _rows(chart)
    ticks = scale_ticks(chart)
    # The bars start far enough in for the first word of the scale to sit centred under them.
    left = LEFT + text_width(ticks[0][1], TICK_PT) / 2
    page = Page(chart, body=body, left=left, keys=_keys(chart))
    fig = page.figure()
    ax = page.axes(fig)
    ax.set_axis_off()
    low, top = chart.scale.low, chart.top
    width_in = WIDTH - left - RIGHT
    right = top + (top - low) * VALUE_ROOM / (width_in - VALUE_ROOM)
    ax.set_xlim(low - (top - low) * 0.005, right)
    ax.set_ylim(body, 0)
    _scale(ax, chart, rows, body, ticks)
    labels_at = blended_transform_factory(fig.transFigure, ax.transData)
    bar = _bar(chart)
    for row, (lines, bars_top) in enumerate(rows):
        label_top = bars_top - PAD - len(lines) * line_height(LABEL_PT)
        for i, line in enumerate(lines):
            ax.text(
                LEFT / WIDTH,
                label_top + i * line_height(LABEL_PT),
                line,
                transform=labels_at,
                va="top",
                color=palette.TEXT,
                fontproperties=font(LABEL_PT),
            )
        for j in range(len(chart.series)):
            _one_bar(ax, fig, chart, j, row, bars_top + j * (bar + BAR_GAP) + bar / 2, bar)
    return fig


def _scale(
    ax: Axes,
    chart: Chart,
    rows: list[tuple[list[str], float]],
    body: float,
    ticks: list[tuple[float, str]],
) -> None:
    """Guide lines beside each row's bars, the baseline, and the scale's words under it."""
    block = _block(chart)
    xs = [value for value, _ in ticks for _ in rows]
    tops = [bars_top - PAD / 2 for _ in ticks for _, bars_top in rows]
    ax.vlines(xs, tops, [t + block + PAD for t in tops], color=palette.GRID, linewidth=1, zorder=0)
    ax.hlines(body, ax.get_xlim()[0], ax.get_xlim()[1], color=palette.MUTED, linewidth=1)
    for value, words in ticks:
        ax.text(
            value,
            body + 0.08,
            words,
            ha="center",
            va="top",
            color=palette.TEXT,
            fontproperties=font(TICK_PT),
        )
    if chart.axis_title:
        ax.text(
            0.5,
            body + 0.08 + line_height(TICK_PT),
            chart.axis_title,
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            ha="center",
            va="top",
            color=palette.TEXT,
            fontproperties=font(TICK_PT),
        )


def _one_bar(
    ax: Axes, fig: Figure, chart: Chart, j: int, row: int, centre: float, bar: float
) -> None:
    series = chart.series[j]
    value = series.values[row]
    low = chart.scale.low
    after = offset_copy(ax.transData, fig=fig, x=6, y=0, units="points")
    if value is None:
        ax.text(
            low,
            centre,
            chart.missing,
            transform=after,
            va="center",
            color=palette.MUTED,
            fontproperties=font(LABEL_PT),
        )
        return
    colour = palette.series_colour(j)
    hatch = palette.HATCHES[j % len(palette.HATCHES)] if chart.kind == ChartKind.GROUPED else ""
    # Artists are added directly: barh() and plot() would consult the colour cycle each time.
    ax.add_patch(
        Rectangle(
            (low, centre - bar / 2),
            value - low,
            bar,
            facecolor=colour,
            hatch=hatch or None,
            hatchcolor=palette.BACKGROUND,
            edgecolor=colour,
            linewidth=0,
        )
    )
    end = value
    if series.has_spread:
        lo, hi = series.low[row], series.high[row]
        if lo is not None and hi is not None:
            ax.add_line(
                Line2D(
                    [lo, hi],
                    [centre, centre],
                    color=palette.RANGE,
                    linewidth=2,
                    marker="|",
                    markersize=bar * 72 * 0.9,
                    markeredgewidth=2,
                    solid_capstyle="butt",
                )
            )
            end = max(end, hi)
    ax.text(
        end,
        centre,
        chart.scale.number(value),
        transform=after,
        va="center",
        color=palette.TEXT,
        fontproperties=font(LABEL_PT, bold=True),
    )
