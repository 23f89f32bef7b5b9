"""PNG drawings match committed reference images (small tolerance), carry no metadata and are
the same bytes on every run. Set COPROD_UPDATE_CHARTS=1 to rewrite the references after an
intended change, then look at them before committing."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from bot.chart import Series
from bot.charts.render import draw_png
from bot.charts.style import DPI, WIDTH
from tests.charts.conftest import Drawn, drawn_named

REFERENCE = Path(__file__).parent / "reference"
MEAN_TOLERANCE = 0.5  # mean absolute difference per channel, 0–255
PIXEL_TOLERANCE = 0.002  # share of pixels allowed to differ by more than a quarter


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=np.int16)


def differs(got: bytes, want: bytes) -> str:
    """Why two PNGs are not the same picture, or "" if they are within the tolerance."""
    a, b = pixels(got), pixels(want)
    if a.shape != b.shape:
        return f"size {a.shape[:2]} is not {b.shape[:2]}"
    diff = np.abs(a - b)
    mean = float(diff.mean())
    changed = float((diff.max(axis=2) > 64).mean())
    if mean > MEAN_TOLERANCE or changed > PIXEL_TOLERANCE:
        return f"mean difference {mean:.3f}, {changed:.2%} of pixels changed"
    return ""


def test_png_matches_its_reference_image(drawn: Drawn, request) -> None:  # type: ignore[no-untyped-def]
    path = REFERENCE / f"{request.node.callspec.params['drawn']}.png"
    if os.environ.get("COPROD_UPDATE_CHARTS") == "1":
        path.write_bytes(drawn.png)
    assert not differs(drawn.png, path.read_bytes()), path.name


def test_the_comparison_notices_a_changed_value() -> None:
    drawn = drawn_named("check-results")
    series = drawn.chart.series[0]
    lower = replace(series, values=(1.2, *series.values[1:]))
    changed = draw_png(replace(drawn.chart, series=(lower,)))
    assert differs(changed, (REFERENCE / "check-results.png").read_bytes())


def test_png_is_fixed_size_without_metadata(drawn: Drawn) -> None:
    image = Image.open(io.BytesIO(drawn.png))
    assert image.width == round(WIDTH * DPI)
    assert image.height > image.width * 0.4
    assert getattr(image, "text", {}) == {}  # no Software, no dates
    assert b"Matplotlib" not in drawn.png


def test_png_bytes_are_the_same_every_time() -> None:
    drawn = drawn_named("check-groups")
    assert draw_png(drawn.chart) == drawn.png


def test_a_series_without_values_draws_the_missing_words() -> None:
    drawn = drawn_named("check-results")
    series: Series = drawn.chart.series[0]
    gone = replace(
        series,
        values=(None, *series.values[1:]),
        low=(None, *series.low[1:]),
        high=(None, *series.high[1:]),
    )
    assert differs(draw_png(replace(drawn.chart, series=(gone,))), drawn.png)
