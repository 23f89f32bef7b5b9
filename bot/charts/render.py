"""Draw a Chart as PNG (for Slack) or inline SVG (local chat, HTML report) from the same code.

The plotting library (matplotlib, Agg backend, no pyplot) is imported on the first drawing,
never when the bot starts or answers a command. Drawing is CPU work: adapters call the async
`png()` / `svg()` after the command is acknowledged, and those run the drawing in a worker
thread so the event loop stays free. One drawing runs at a time (the library's global settings
and font cache are shared), under the house style, so the same data gives the same picture:
fixed DPI, the bundled font, no timestamps or version strings in the files, fixed SVG ids."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .model import Chart, ChartKind
from .style import DPI, rc

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_LOCK = threading.Lock()


def _figure(chart: Chart) -> Figure:
    if chart.kind == ChartKind.LINES:
        from .lines import draw_lines

        return draw_lines(chart)
    from .bars import draw_bars

    return draw_bars(chart)


@contextmanager
def drawing(chart: Chart) -> Iterator[Figure]:
    """The chart's figure under the house style, one drawing at a time (tests inspect it)."""
    import matplotlib.style

    with _LOCK, matplotlib.style.context(["default", rc()]):
        yield _figure(chart)


def _save(chart: Chart, fmt: str) -> bytes:
    with drawing(chart) as fig:
        out = io.BytesIO()
        if fmt == "png":  # zlib level 3: as small as the default 6 here, and faster
            options = {"metadata": {"Software": None}, "pil_kwargs": {"compress_level": 3}}
        else:
            options = {"metadata": {"Date": None, "Creator": None}}
        fig.savefig(out, format=fmt, dpi=DPI, **options)
        return out.getvalue()


def draw_png(chart: Chart) -> bytes:
    """The chart as PNG bytes (blocking: call `png()` from async code)."""
    return _save(chart, "png")


def draw_svg(chart: Chart) -> str:
    """The chart as an inline `<svg>` element with its text alternative (blocking)."""
    from .svg import accessible

    return accessible(_save(chart, "svg").decode("utf-8"), chart)


async def png(chart: Chart) -> bytes:
    """The chart as PNG bytes, drawn off the event loop."""
    return await asyncio.to_thread(draw_png, chart)


async def svg(chart: Chart) -> str:
    """The chart as an inline `<svg>`, drawn off the event loop."""
    return await asyncio.to_thread(draw_svg, chart)
