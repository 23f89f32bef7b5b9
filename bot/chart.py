"""The neutral chart: what to draw (kind, labels, series, scale) and what it says in words.

A `Chart` is data only: no colours, sizes or platform details. Each adapter draws it its own
way (a PNG for Slack, native chart elements on Teams, inline SVG locally), and the card's text
stays beside it as the fallback. `summary` is one sentence in words: the alt text and what a
screen reader says, so it must say what the picture shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class ChartKind(StrEnum):
    BARS = "bars"  # one horizontal bar per label, with an optional range (spread) per bar
    GROUPED = "grouped"  # two or more series side by side per label (partners and staff)
    LINES = "lines"  # values over time: labels are the points in time, one line per series


@dataclass(frozen=True)
class Tick:
    """A marked value on the value axis and its words (1 → "Not yet")."""

    value: float
    label: str


@dataclass(frozen=True)
class Scale:
    """The value axis. `high=None` means "from the data" (counts); `decimals` is how values are
    written beside bars and in words."""

    low: float = 0.0
    high: float | None = None
    ticks: tuple[Tick, ...] = ()
    decimals: int = 0

    def number(self, value: float) -> str:
        return f"{value:.{self.decimals}f}"


@dataclass(frozen=True)
class Series:
    """One set of values, one per label (None: nothing to show there, e.g. all Don't know).

    `low` and `high` are the spread of each bar (the lowest and highest answer given); they are
    empty when the series has no spread, and otherwise as long as `values`."""

    name: str
    values: tuple[float | None, ...]
    low: tuple[float | None, ...] = ()
    high: tuple[float | None, ...] = ()

    def __post_init__(self) -> None:
        for spread in (self.low, self.high):
            if spread and len(spread) != len(self.values):
                raise ValueError("a series' spread has one entry per value")

    @property
    def has_spread(self) -> bool:
        return bool(self.low) and bool(self.high)


@dataclass(frozen=True)
class Chart:
    """A chart a Card can carry. `labels` name the bars (or the points in time for lines);
    every series has one value per label. `small_multiples` draws each series of a LINES chart
    in its own small panel instead of all lines on one. `note` is small print under the
    picture (e.g. "Based on 4 checks"). `id` names the chart for files and tests."""

    kind: ChartKind
    title: str
    summary: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    scale: Scale = Scale()
    axis_title: str = ""
    note: str = ""
    missing: str = ""  # words drawn where a series has no value (e.g. "Don't know")
    small_multiples: bool = False
    id: str = ""

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError("a chart has at least one series")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(f"series {series.name!r} needs one value per label")

    def values(self) -> list[float]:
        """Every value shown, in order (for the scale's top and for tests)."""
        return [v for s in self.series for v in s.values if v is not None]

    @property
    def top(self) -> float:
        """The end of the value axis: the scale's, or the largest value (at least 1)."""
        if self.scale.high is not None:
            return self.scale.high
        return max([1.0, *self.values(), *(v for s in self.series for v in s.high if v)])


def chart_to_dict(chart: Chart) -> dict[str, Any]:
    """A JSON-ready form of a chart (the local API and snapshot tests use it)."""
    data = asdict(chart)
    data["kind"] = str(chart.kind)
    return data
