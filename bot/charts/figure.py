"""The page around a chart's plot: title, legend, the plot area, the scale's band and small print.

Everything is laid out in inches from the top, so text keeps its size whatever the number of
bars, and the figure grows taller instead of squeezing. Imported only while drawing."""

from __future__ import annotations

from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from . import palette
from .model import Chart
from .style import (
    LABEL_PT,
    LEFT,
    NOTE_PT,
    RIGHT,
    TICK_PT,
    TITLE_PT,
    WIDTH,
    font_file,
    line_height,
    text_width,
    wrap,
)

TOP, BOTTOM, GAP = 0.16, 0.14, 0.12  # inches


def font(points: float, bold: bool = False) -> FontProperties:
    """The bundled font at a size; text is never looked up among the system's fonts."""
    return FontProperties(fname=str(font_file(bold)), size=points)


@dataclass(frozen=True)
class Key:
    """One legend entry: a swatch (colour, hatch or marker) and its words."""

    label: str
    colour: str
    hatch: str = ""
    marker: str = ""


@dataclass
class Page:
    """The vertical layout of one chart. `body` is the plot's height and `left` its left edge
    (room for the value axis' words), both in inches."""

    chart: Chart
    body: float
    left: float = LEFT
    keys: list[Key] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = wrap(self.chart.title, TITLE_PT)
        self.note = wrap(self.chart.note, NOTE_PT) if self.chart.note else []
        # The band under the plot for the scale's words (and the axis title, if any).
        self.axis = 0.1 + line_height(TICK_PT) * (2 if self.chart.axis_title else 1)
        self.key_rows = self._key_rows()
        key_lines = sum(max(len(lines) for _k, lines, _x in row) for row in self.key_rows)
        self.top_of_body = (
            TOP
            + len(self.title) * line_height(TITLE_PT)
            + GAP
            + (key_lines * line_height(LABEL_PT) + GAP if self.keys else 0.0)
        )
        self.height = (
            self.top_of_body
            + self.body
            + self.axis
            + (GAP + len(self.note) * line_height(NOTE_PT) if self.note else 0.0)
            + BOTTOM
        )

    def figure(self) -> Figure:
        fig = Figure(figsize=(WIDTH, self.height), facecolor=palette.BACKGROUND)
        FigureCanvasAgg(fig)
        self._title(fig)
        if self.keys:
            self._keys(fig)
        self._note(fig)
        return fig

    def axes(self, fig: Figure) -> Axes:
        """The plot area: the body, from `left` to the right margin."""
        bottom = self.height - self.top_of_body - self.body
        return fig.add_axes(
            (
                self.left / WIDTH,
                bottom / self.height,
                (WIDTH - self.left - RIGHT) / WIDTH,
                self.body / self.height,
            )
        )

    def text(
        self,
        fig: Figure,
        from_top: float,
        words: str,
        points: float,
        *,
        x: float = LEFT,
        bold: bool = False,
        colour: str = palette.TEXT,
    ) -> Text:
        """A line of text whose top is `from_top` inches below the figure's top edge."""
        return fig.text(
            x / WIDTH,
            (self.height - from_top) / self.height,
            words,
            va="top",
            color=colour,
            fontproperties=font(points, bold),
        )

    def _title(self, fig: Figure) -> None:
        for i, line in enumerate(self.title):
            self.text(fig, TOP + i * line_height(TITLE_PT), line, TITLE_PT, bold=True)

    def _key_rows(self) -> list[list[tuple[Key, list[str], float]]]:
        """The legend: all keys on one line when they fit, else one key a line (its words
        wrapped). Each entry is (key, lines, x of the swatch in inches)."""
        box = LABEL_PT / 72
        width = WIDTH - LEFT - RIGHT
        sizes = [box * 1.5 + text_width(k.label, LABEL_PT) + box * 1.2 for k in self.keys]
        if sum(sizes) - box * 1.2 <= width:
            row, x = [], LEFT
            for key, size in zip(self.keys, sizes, strict=True):
                row.append((key, [key.label], x))
                x += size
            return [row] if row else []
        return [[(k, wrap(k.label, LABEL_PT, width - box * 1.5), LEFT)] for k in self.keys]

    def _keys(self, fig: Figure) -> None:
        y = TOP + len(self.title) * line_height(TITLE_PT) + GAP
        box = LABEL_PT / 72
        for row in self.key_rows:
            for key, lines, x in row:
                swatch_y = self.height - y - box * 1.1
                if key.marker:
                    fig.add_artist(
                        Line2D(
                            [x + box / 2],
                            [swatch_y + box / 2],
                            transform=fig.dpi_scale_trans,
                            marker=key.marker,
                            markersize=LABEL_PT * 0.7,
                            color=key.colour,
                            linestyle="none",
                        )
                    )
                else:
                    fig.add_artist(
                        Rectangle(
                            (x, swatch_y),
                            box,
                            box,
                            transform=fig.dpi_scale_trans,
                            facecolor=key.colour,
                            edgecolor=palette.TEXT,
                            hatch=key.hatch or None,
                            hatchcolor=palette.BACKGROUND,
                            linewidth=0.8,
                        )
                    )
                for i, line in enumerate(lines):
                    self.text(fig, y + i * line_height(LABEL_PT), line, LABEL_PT, x=x + box * 1.5)
            y += max(len(lines) for _key, lines, _x in row) * line_height(LABEL_PT)

    def _note(self, fig: Figure) -> None:
        y = self.top_of_body + self.body + self.axis + GAP
        for i, line in enumerate(self.note):
            self.text(fig, y + i * line_height(NOTE_PT), line, NOTE_PT, colour=palette.MUTED)


def scale_ticks(chart: Chart) -> list[tuple[float, str]]:
    """The marked values of the value axis and their words: the scale's own (1 "Not yet" …),
    or about five whole numbers from zero for counts."""
    if chart.scale.ticks:
        return [(t.value, t.label) for t in chart.scale.ticks]
    step = max(1, round(chart.top / 5))
    return [(float(v), str(v)) for v in range(0, int(chart.top) + 1, step)]
