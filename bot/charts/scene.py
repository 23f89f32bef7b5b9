"""What a chart looks like, as plain shapes and words placed in inches from the top left corner.

The layouts (`bars.py`, `lines.py`, `figure.py`) make a `Scene` from a `Chart`; `svg.py` writes
it as SVG and `png.py` paints it as PNG. One scene for both, so the two pictures agree; the
scene is pure Python, so laying a chart out loads no drawing library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Anchor = Literal["start", "middle", "end"]
Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A filled rectangle; `hatch` draws stripes ("//"), crosses ("xx") or dots ("..") over it
    in `hatch_colour`; `edge` outlines it."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    hatch: str = ""
    hatch_colour: str = "#FFFFFF"
    edge: str = ""
    edge_pt: float = 0.0


@dataclass(frozen=True)
class Stroke:
    """A line through `points` (inches); None in `points` leaves a gap. `pt` is its width."""

    points: tuple[Point | None, ...]
    colour: str
    pt: float


@dataclass(frozen=True)
class Marks:
    """The same mark at each point: "o" circle, "s" square, "^" triangle, "D" diamond, "|" a
    vertical line; `size` is its height in points."""

    points: tuple[Point, ...]
    shape: str
    colour: str
    size: float
    edge_pt: float = 1.0


@dataclass(frozen=True)
class Words:
    """One line of text whose baseline is at `y`; `anchor` says whether `x` is its start,
    middle or end."""

    x: float
    y: float
    text: str
    pt: float
    colour: str
    bold: bool = False
    anchor: Anchor = "start"


Item = Box | Stroke | Marks | Words


@dataclass
class Scene:
    """A chart's picture: its size in inches, a background and everything drawn, in order."""

    width: float
    height: float
    background: str
    items: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)

    def words(self) -> list[Words]:
        return [i for i in self.items if isinstance(i, Words)]


HATCH_PT = 12.0  # the hatch's repeat: stripes 12 points apart across
HATCH_LINE_PT = 1.5  # a stripe's width


def outline(shape: str, x: float, y: float, size: float) -> tuple[Point, ...]:
    """The corners of a square ("s"), triangle ("^") or diamond ("D") mark `size` points high
    (its width for the square and triangle) centred on (x, y), in inches."""
    half = size / 72 / 2
    if shape == "s":
        return (
            (x - half, y - half),
            (x + half, y - half),
            (x + half, y + half),
            (x - half, y + half),
        )
    if shape == "^":
        return ((x, y - half), (x + half, y + half), (x - half, y + half))
    if shape == "D":
        reach = half * 2**0.5
        return ((x, y - reach), (x + reach, y), (x, y + reach), (x - reach, y))
    raise ValueError(f"no outline for mark {shape!r}")
