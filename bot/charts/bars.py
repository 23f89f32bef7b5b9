"""Horizontal bars, one row per label: the label above, its bar(s) below, the value written at
the end. BARS draws one bar per row with an optional spread line across it; GROUPED draws each
series' bar in the row, the second one hatched so colour is not the only cue.

Guide lines run only beside the bars (never through a label), and the scale's words sit under
the last row. The result is a `Scene` (shapes and words in inches), drawn by `svg` or `png`."""

from __future__ import annotations

from ..chart import Chart, ChartKind
from . import palette
from .figure import Key, Page, Plot, scale_ticks
from .scene import Box, Marks, Point, Scene, Stroke, Words
from .style import LABEL_PT, LEFT, RIGHT, TICK_PT, WIDTH, centred, line_height, text_width, wrap

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


def draw_bars(chart: Chart) -> Scene:
    rows, body = _rows(chart)
    ticks = scale_ticks(chart)
    # The bars start far enough in for the first word of the scale to sit centred under them.
    left = LEFT + text_width(ticks[0][1], TICK_PT) / 2
    page = Page(chart, body=body, left=left, keys=_keys(chart))
    scene = page.scene()
    low, top = chart.scale.low, chart.top
    width_in = WIDTH - left - RIGHT
    right = top + (top - low) * VALUE_ROOM / (width_in - VALUE_ROOM)
    plot = page.plot(low - (top - low) * 0.005, right)
    _scale(scene, plot, chart, rows, body, ticks)
    bar = _bar(chart)
    for row, (lines, bars_top) in enumerate(rows):
        label_top = plot.y(bars_top - PAD - len(lines) * line_height(LABEL_PT))
        for i, line in enumerate(lines):
            page.text(scene, label_top + i * line_height(LABEL_PT), line, LABEL_PT)
        for j in range(len(chart.series)):
            _one_bar(scene, plot, chart, j, row, bars_top + j * (bar + BAR_GAP) + bar / 2, bar)
    return scene


def _scale(
    scene: Scene,
    plot: Plot,
    chart: Chart,
    rows: list[tuple[list[str], float]],
    body: float,
    ticks: list[tuple[float, str]],
) -> None:
    """Guide lines beside each row's bars, the baseline, and the scale's words under it."""
    block = _block(chart)
    guides: list[Point | None] = []
    for value, _words in ticks:
        x = plot.x(value)
        for _lines, bars_top in rows:
            top = plot.y(bars_top - PAD / 2)
            guides += [(x, top), (x, top + block + PAD), None]
    scene.add(Stroke(tuple(guides), palette.GRID, 1))
    bottom = plot.y(body)
    scene.add(Stroke(((plot.left, bottom), (plot.left + plot.width, bottom)), palette.MUTED, 1))
    for value, words in ticks:
        Page.text(scene, bottom + 0.08, words, TICK_PT, x=plot.x(value), anchor="middle")
    if chart.axis_title:
        Page.text(
            scene,
            bottom + 0.08 + line_height(TICK_PT),
            chart.axis_title,
            TICK_PT,
            x=plot.left + plot.width / 2,
            anchor="middle",
        )


def _one_bar(
    scene: Scene, plot: Plot, chart: Chart, j: int, row: int, centre: float, bar: float
) -> None:
    series = chart.series[j]
    value = series.values[row]
    low = chart.scale.low
    middle = plot.y(centre)
    after = 6 / 72  # the words start 6 points after the bar's end
    if value is None:
        scene.add(
            Words(
                plot.x(low) + after,
                centred(middle, LABEL_PT),
                chart.missing,
                LABEL_PT,
                palette.MUTED,
            )
        )
        return
    colour = palette.series_colour(j)
    hatch = palette.HATCHES[j % len(palette.HATCHES)] if chart.kind == ChartKind.GROUPED else ""
    start = plot.x(low)
    scene.add(
        Box(
            start,
            middle - bar / 2,
            plot.x(value) - start,
            bar,
            colour,
            hatch=hatch,
            hatch_colour=palette.BACKGROUND,
        )
    )
    end = value
    if series.has_spread:
        lo, hi = series.low[row], series.high[row]
        if lo is not None and hi is not None:
            ends = ((plot.x(lo), middle), (plot.x(hi), middle))
            scene.add(Stroke(ends, palette.RANGE, 2))
            scene.add(Marks(ends, "|", palette.RANGE, bar * 72 * 0.9, edge_pt=2))
            end = max(end, hi)
    scene.add(
        Words(
            plot.x(end) + after,
            centred(middle, LABEL_PT),
            chart.scale.number(value),
            LABEL_PT,
            palette.TEXT,
            bold=True,
        )
    )
