"""Horizontal bars, one row per label: the label above, its bar(s) below, the value written at
the end. BARS draws one bar per row with an optional spread line across it; GROUPED draws each
series' bar in the row, the second one hatched so colour is not the only cue."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory, offset_copy

from . import palette
from .figure import Key, Page, font, plain_axes, value_ticks
from .model import Chart, ChartKind
from .style import LABEL_PT, LEFT, RIGHT, TICK_PT, WIDTH, line_height, text_width, wrap

PAD = 0.06  # inches above each label and below each row's bars
BAR = 0.30  # one bar's thickness, inches
GROUP_BAR = 0.24  # a bar's thickness when there are several in a row
BAR_GAP = 0.05
VALUE_ROOM = 0.5  # inches kept right of the longest bar for its value


def _bars_per_row(chart: Chart) -> int:
    return len(chart.series) if chart.kind == ChartKind.GROUPED else 1


def _bar(chart: Chart) -> float:
    return BAR if _bars_per_row(chart) == 1 else GROUP_BAR


def _rows(chart: Chart) -> list[tuple[list[str], float]]:
    """Each row's label lines and the row's top (inches from the plot's top)."""
    block = _bars_per_row(chart) * (_bar(chart) + BAR_GAP) - BAR_GAP
    rows, y = [], 0.0
    for label in chart.labels:
        lines = wrap(label, LABEL_PT)
        rows.append((lines, y))
        y += PAD + len(lines) * line_height(LABEL_PT) + block + 2 * PAD
    return rows


def _height(chart: Chart) -> float:
    rows = _rows(chart)
    lines, top = rows[-1]
    block = _bars_per_row(chart) * (_bar(chart) + BAR_GAP) - BAR_GAP
    return top + PAD + len(lines) * line_height(LABEL_PT) + block + 2 * PAD


def draw_bars(chart: Chart) -> Figure:
    grouped = chart.kind == ChartKind.GROUPED
    keys = (
        [
            Key(s.name, palette.series_colour(i), palette.HATCHES[i % len(palette.HATCHES)])
            for i, s in enumerate(chart.series)
        ]
        if grouped
        else []
    )
    # The bars start far enough in for the first word of the scale to sit centred under them.
    first = chart.scale.ticks[0].label if chart.scale.ticks else "0"
    left = LEFT + text_width(first, TICK_PT) / 2
    page = Page(chart, body=_height(chart), left=left, keys=keys)
    fig = page.figure()
    ax = page.axes(fig)
    plain_axes(ax)
    low, top = chart.scale.low, chart.top
    width_in = WIDTH - left - RIGHT
    labels_at = blended_transform_factory(fig.transFigure, ax.transData)
    right = top + (top - low) * VALUE_ROOM / (width_in - VALUE_ROOM)
    ax.set_xlim(low - (top - low) * 0.005, right)
    ax.set_ylim(page.body, 0)
    ax.set_yticks([])
    value_ticks(ax, chart)
    bar = _bar(chart)
    for row, (lines, y) in enumerate(_rows(chart)):
        label_top = y + PAD
        for i, line in enumerate(lines):
            ax.text(
                LEFT / WIDTH,
                label_top + i * line_height(LABEL_PT),
                line,
                transform=labels_at,
                va="top",
                color=palette.TEXT,
                fontproperties=font(LABEL_PT),
                backgroundcolor=palette.BACKGROUND,  # guide lines stop at the words
            )
        bar_top = label_top + len(lines) * line_height(LABEL_PT) + PAD
        for j in range(len(chart.series)):
            _one_bar(ax, fig, chart, j, row, bar_top + j * (bar + BAR_GAP) + bar / 2, bar)
    return fig


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
    ax.barh(
        centre,
        value - low,
        left=low,
        height=bar,
        color=colour,
        hatch=hatch or None,
        hatchcolor=palette.BACKGROUND,
        edgecolor=colour,
        linewidth=0,
    )
    end = value
    if series.has_spread:
        lo, hi = series.low[row], series.high[row]
        if lo is not None and hi is not None:
            ax.plot(
                [lo, hi],
                [centre, centre],
                color=palette.RANGE,
                linewidth=2,
                marker="|",
                markersize=bar * 72 * 0.9,
                markeredgewidth=2,
                solid_capstyle="butt",
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
