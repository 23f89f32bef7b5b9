"""Sizes for a chart read on a phone: figure width, fixed DPI, font sizes and the bundled font.

The figure is 5.5 inches wide. Shown across a 360-pixel phone screen, a 14 pt label is then
about 14 CSS pixels tall (5.5 in × 72 pt = 396 pt across 360 px), the size of body text. The
PNG's font is DejaVu Sans from matplotlib's own package files (found without importing it),
never a system font, so every machine draws the same glyphs; the SVG names the same font first
and writes its words as text."""

from __future__ import annotations

import importlib.util
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

# DejaVu Sans averages about 0.52 em per character in English (bold 0.59); a little more is
# assumed so that wrapped lines and estimated widths never run past the edge.
EM, EM_BOLD = 0.58, 0.60
# DejaVu Sans: the height of "l" and the depth of "p" (in em): a line's box, as matplotlib drew it.
ASCENT, DESCENT = 0.760, 0.208
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"  # the SVG's words; the report's own font first


def line_height(points: float) -> float:
    """Inches one line of text at `points` takes."""
    return points * LINE / 72


def wrap(
    text: str, points: float, width_in: float = WIDTH - LEFT - RIGHT, bold: bool = False
) -> list[str]:
    """`text` broken into lines that fit `width_in` inches at `points` size."""
    chars = max(8, int(width_in * 72 / (points * (EM_BOLD if bold else EM))))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def text_width(text: str, points: float) -> float:
    """About how many inches `text` takes at `points` size (for margins, not for layout)."""
    return len(text) * points * EM / 72


def below(top: float, points: float) -> float:
    """The baseline (inches) of a line of text whose top is at `top`."""
    return top + ASCENT * points / 72


def centred(middle: float, points: float) -> float:
    """The baseline (inches) of a line of text centred on `middle`."""
    return middle + (ASCENT - DESCENT) / 2 * points / 72


@cache
def font_file(bold: bool = False) -> Path:
    """The bundled DejaVu Sans (regular or bold) shipped inside matplotlib's own package."""
    spec = importlib.util.find_spec("matplotlib")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib's package files (the bundled font) are not installed")
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf" / name
