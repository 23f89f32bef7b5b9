"""Colours: the Okabe–Ito palette (safe for colour-blind readers), checked for WCAG contrast.

Only the Okabe–Ito colours with at least 3:1 contrast on white are used for marks (WCAG 1.4.11,
non-text contrast); text is near-black (over 15:1). Colour is never the only cue: the second
group of a grouped chart is also hatched, and lines differ in marker shape."""

from __future__ import annotations

BACKGROUND = "#FFFFFF"
TEXT = "#1A1A1A"
MUTED = "#4D4D4D"  # small print and axis lines: 8.5:1 on white
GRID = "#D9D9D9"  # decorative guide lines only; values are written out beside the marks
RANGE = "#1A1A1A"  # the spread line drawn across a bar

# Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, reddish purple.
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
MARKERS = ("o", "s", "^", "D")
HATCHES = ("", "//", "..", "xx")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a `#RRGGBB` colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def series_colour(index: int) -> str:
    return SERIES[index % len(SERIES)]
