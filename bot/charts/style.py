"""Sizes for a chart read on a phone: figure width, fixed DPI, font sizes and the bundled font.

The figure is 5.5 inches wide. Shown across a 360-pixel phone screen, a 14 pt label is then
about 14 CSS pixels tall (5.5 in × 72 pt = 396 pt across 360 px), the size of body text. The
font is DejaVu Sans from the plotting library's own files, never a system font, so every
machine draws the same glyphs."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

WIDTH = 5.5  # inches
DPI = 150  # PNG pixels per inch: 825 pixels across, twice a phone screen's CSS width
LEFT, RIGHT = 0.22, 0.22  # side margins, inches
TITLE_PT = 16
LABEL_PT = 14  # principle names, legend, values beside the bars
TICK_PT = 13  # the scale's words under the axis
NOTE_PT = 12  # small print under the picture
LINE = 1.3  # line height as a multiple of the font size

# DejaVu Sans averages about 0.55 em per character in English; a little more is assumed so that
# wrapped lines and estimated widths never run past the edge.
EM = 0.58


def line_height(points: float) -> float:
    """Inches one line of text at `points` takes."""
    return points * LINE / 72


def wrap(text: str, points: float, width_in: float = WIDTH - LEFT - RIGHT) -> list[str]:
    """`text` broken into lines that fit `width_in` inches at `points` size."""
    chars = max(8, int(width_in * 72 / (points * EM)))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def text_width(text: str, points: float) -> float:
    """About how many inches `text` takes at `points` size (for margins, not for layout)."""
    return len(text) * points * EM / 72


@cache
def font_file(bold: bool = False) -> Path:
    """The bundled DejaVu Sans (regular or bold) shipped inside matplotlib's own package."""
    import matplotlib

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def rc() -> dict[str, object]:
    """Plotting settings applied over the library defaults for every drawing (a local
    matplotlibrc never leaks in). `svg.hashsalt` makes SVG ids the same on every run."""
    return {
        "font.family": "DejaVu Sans",
        "font.size": LABEL_PT,
        "svg.hashsalt": "coprod-charts",
        "svg.fonttype": "path",  # glyphs as shapes: the same picture without the font installed
        "path.simplify": False,
        "axes.unicode_minus": False,
        "hatch.linewidth": 1.5,
    }
