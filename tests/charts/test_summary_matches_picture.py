"""The one-line summary (alt text) says what the picture shows: the bars are measured in the
PNG itself, and the principle the summary names is the one the picture shows."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from bot.charts import palette
from tests.charts.conftest import drawn_named

GAP = 10  # pixels: rows closer than this belong to one bar (bars are a label apart)


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def bar_lengths(png: bytes, colour: str) -> list[int]:
    """The length in pixels of each bar of `colour`, top to bottom (legend swatches left out:
    they do not start where the bars start). A bar crossed by its spread line shows as two
    bands a few pixels apart, joined here."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    mask = np.all(image == rgb(colour), axis=2)
    rows = np.flatnonzero(mask.any(axis=1))
    bands: list[tuple[int, int]] = []
    for row in rows:
        if bands and row <= bands[-1][1] + GAP:
            bands[-1] = (bands[-1][0], row)
        else:
            bands.append((row, row))
    spans = []
    for top, bottom in bands:
        cols = np.flatnonzero(mask[top : bottom + 1].any(axis=0))
        spans.append((int(cols.min()), int(cols.max())))
    start = min(left for left, _ in spans[-1:] or [(0, 0)])
    return [right - left + 1 for left, right in spans if abs(left - start) <= 2]


def test_the_results_summary_names_the_shortest_and_longest_bar() -> None:
    drawn = drawn_named("check-results")
    lengths = bar_lengths(drawn.png, palette.SERIES[0])
    labels = drawn.chart.labels
    assert len(lengths) == len(labels) == 8
    shortest = labels[int(np.argmin(lengths))]
    longest = labels[int(np.argmax(lengths))]
    assert sorted(lengths).count(min(lengths)) == 1 and sorted(lengths).count(max(lengths)) == 1
    highest_part, lowest_part = drawn.chart.summary.split("lowest")
    assert longest in highest_part
    assert shortest in lowest_part


def test_the_groups_summary_names_the_pair_that_differs_most() -> None:
    drawn = drawn_named("check-groups")
    partners = bar_lengths(drawn.png, palette.SERIES[0])
    staff = bar_lengths(drawn.png, palette.SERIES[1])
    assert len(partners) == len(staff) == 8
    gaps = [abs(p - s) for p, s in zip(partners, staff, strict=True)]
    widest = drawn.chart.labels[int(np.argmax(gaps))]
    assert widest in drawn.chart.summary
    assert all(other not in drawn.chart.summary for other in drawn.chart.labels if other != widest)


def test_the_counts_summary_names_the_longest_bar() -> None:
    drawn = drawn_named("counts")
    lengths = bar_lengths(drawn.png, palette.SERIES[0])
    assert drawn.chart.summary.startswith(drawn.chart.labels[int(np.argmax(lengths))])
