"""The page around a chart's plot: title, legend, the plot area, the scale's band and small print.

Everything is laid out in inches from the top, so text keeps its size whatever the number of
bars, and the picture grows taller instead of squeezing. The plot area maps values to inches
(`Plot`); layouts add their marks to the page's `Scene`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..chart import Chart
from . import palette
from .scene import Anchor, Box, Marks, Scene, Words
from .style import (
    LABEL_PT,
    LEFT,
    NOTE_PT,
    RIGHT,
    TICK_PT,
    TITLE_PT,
    WIDTH,
    below,
    line_height,
    text_width,
    wrap,
)

TOP, BOTTOM, GAP = 0.16, 0.14, 0.12  # inches


@dataclass(frozen=True)
class Key:
    """One legend entry: a swatch (colour, hatch or marker) and its words."""

    label: str
    colour: str
    hatch: str = ""
    marker: str = ""


@dataclass(frozen=True)
class Plot:
    """The plot area: `left` and `top` in inches on the page, `width` inches wide, showing
    values `low` to `high` across; y is already in inches from the plot's top."""

    left: float
    top: float
    width: float
    low: float
    high: float

    def x(self, value: float) -> float:
        return self.left + (value - self.low) / ((self.high - self.low) or 1.0) * self.width

    def y(self, inches: float) -> float:
        return self.top + inches


@dataclass
class Page:
    """The vertical layout of one chart. `body` is the plot's height and `left` its left edge
    (room for the value axis' words), both in inches."""

    chart: Chart
    body: float
    left: float = LEFT
    keys: list[Key] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = wrap(self.chart.title, TITLE_PT, bold=True)
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

    def scene(self) -> Scene:
        """The page with its title, legend and small print; the layout adds the plot."""
        scene = Scene(WIDTH, self.height, palette.BACKGROUND)
        self._title(scene)
        if self.keys:
            self._keys(scene)
        self._note(scene)
        return scene

    def plot(self, low: float, high: float) -> Plot:
        """The plot area, from `left` to the right margin, showing `low` to `high` across."""
        return Plot(self.left, self.top_of_body, WIDTH - self.left - RIGHT, low, high)

    @staticmethod
    def text(
        scene: Scene,
        from_top: float,
        words: str,
        points: float,
        *,
        x: float = LEFT,
        bold: bool = False,
        colour: str = palette.TEXT,
        anchor: Anchor = "start",
    ) -> None:
        """A line of text whose top is `from_top` inches below the picture's top edge."""
        scene.add(Words(x, below(from_top, points), words, points, colour, bold, anchor))

    def _title(self, scene: Scene) -> None:
        for i, line in enumerate(self.title):
            self.text(scene, TOP + i * line_height(TITLE_PT), line, TITLE_PT, bold=True)

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

    def _keys(self, scene: Scene) -> None:
        y = TOP + len(self.title) * line_height(TITLE_PT) + GAP
        box = LABEL_PT / 72
        for row in self.key_rows:
            for key, lines, x in row:
                swatch_top = y + box * 0.1
                if key.marker:
                    middle = (x + box / 2, swatch_top + box / 2)
                    scene.add(Marks((middle,), key.marker, key.colour, LABEL_PT * 0.7))
                else:
                    scene.add(
                        Box(
                            x,
                            swatch_top,
                            box,
                            box,
                            key.colour,
                            hatch=key.hatch,
                            hatch_colour=palette.BACKGROUND,
                            edge=palette.TEXT,
                            edge_pt=0.8,
                        )
                    )
                for i, line in enumerate(lines):
                    self.text(scene, y + i * line_height(LABEL_PT), line, LABEL_PT, x=x + box * 1.5)
            y += max(len(lines) for _key, lines, _x in row) * line_height(LABEL_PT)

    def _note(self, scene: Scene) -> None:
        y = self.top_of_body + self.body + self.axis + GAP
        for i, line in enumerate(self.note):
            self.text(scene, y + i * line_height(NOTE_PT), line, NOTE_PT, colour=palette.MUTED)


def scale_ticks(chart: Chart) -> list[tuple[float, str]]:
    """The marked values of the value axis and their words: the scale's own (1 "Not yet" …),
    or about five whole numbers from zero for counts."""
    if chart.scale.ticks:
        return [(t.value, t.label) for t in chart.scale.ticks]
    step = max(1, round(chart.top / 5))
    return [(float(v), str(v)) for v in range(0, int(chart.top) + 1, step)]
