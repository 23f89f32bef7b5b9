"""Draw a Chart as PNG (for Slack) or inline SVG (local chat, HTML report) from the same scene.

A chart is laid out once as a `Scene` (plain shapes and words, `bot.charts.scene`), then
written as SVG text (`svg.py`, pure Python) or painted as PNG (`png.py`, Pillow, imported on
the first PNG, never when the bot starts or answers a command). Adapters call the async
`png()` / `svg()` after the command is acknowledged, so the event loop never waits behind the
drawing: a PNG (tens of milliseconds of CPU) is painted in a drawing process, an SVG (about a
millisecond) is written in a worker thread. Each drawing is kept by a digest of what the chart
shows (`cached`), so the same chart is drawn once: showing the same results again, or building
a report twice, costs nothing. The same data gives the same picture: fixed DPI, the bundled
font, no timestamps or version strings in the files, ids derived from what the chart shows."""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import logging
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Literal, TypeVar

from ..chart import Chart, ChartKind
from .scene import Scene
from .style import DPI

log = logging.getLogger(__name__)
_T = TypeVar("_T")
_R = TypeVar("_R")
Format = Literal["png", "svg"]
KEPT = 256  # drawings kept in memory (a results PNG is ~100 KB, an SVG less)
WORKERS = max(1, min(2, os.cpu_count() or 1))  # drawing processes, started when first needed

_KEPT: OrderedDict[str, bytes | str] = OrderedDict()
_KEPT_LOCK = threading.Lock()
_POOL: Executor | None = None
_HOOKED = False  # shutdown() registered to run before the interpreter exits


def scene(chart: Chart) -> Scene:
    """The chart laid out: every shape and word, in inches (tests inspect it)."""
    if chart.kind == ChartKind.LINES:
        from .lines import draw_lines

        return draw_lines(chart)
    from .bars import draw_bars

    return draw_bars(chart)


def digest(chart: Chart, fmt: str = "") -> str:
    """What the chart shows (every word and value), as a short stable key."""
    return hashlib.sha256(f"{fmt}:{chart!r}".encode()).hexdigest()[:32]


def cached(chart: Chart, fmt: Format) -> bytes | str | None:
    """The chart's drawing in `fmt` if it has been drawn already, else None (never draws)."""
    key = digest(chart, fmt)
    with _KEPT_LOCK:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
        return found


def _keep(chart: Chart, fmt: Format, drawn: bytes | str) -> None:
    with _KEPT_LOCK:
        _KEPT[digest(chart, fmt)] = drawn
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)


def forget_drawings() -> None:
    """Empty the kept drawings (tests and benches that time the drawing itself)."""
    with _KEPT_LOCK:
        _KEPT.clear()


def _draw_png(chart: Chart) -> bytes:
    from . import png as painter

    return painter.write(scene(chart), DPI)


def _draw_svg(chart: Chart) -> str:
    from .svg import write

    return write(scene(chart), chart)


def draw_png(chart: Chart) -> bytes:
    """The chart as PNG bytes (blocking: call `png()` from async code)."""
    found = cached(chart, "png")
    if isinstance(found, bytes):
        return found
    drawn = _draw_png(chart)
    _keep(chart, "png", drawn)
    return drawn


def draw_svg(chart: Chart) -> str:
    """The chart as an inline `<svg>` element with its text alternative (blocking)."""
    found = cached(chart, "svg")
    if isinstance(found, str):
        return found
    drawn = _draw_svg(chart)
    _keep(chart, "svg", drawn)
    return drawn


def _warm() -> None:
    """In a new drawing process: load the drawing code and the fonts before the first chart."""
    from . import bars, lines, png, svg  # noqa: F401
    from .style import LABEL_PT, NOTE_PT, TICK_PT, TITLE_PT

    for points in (TITLE_PT, LABEL_PT, TICK_PT, NOTE_PT):
        for bold in (False, True):
            png.font(points, bold, DPI)


def _pool() -> Executor:
    """The drawing processes, started on the first drawing (never when the bot starts)."""
    global _POOL
    if _POOL is None:
        # "spawn": a fresh interpreter, never a fork of the bot's threads and event loop.
        context = multiprocessing.get_context("spawn")
        _POOL = ProcessPoolExecutor(WORKERS, mp_context=context, initializer=_warm)
        _stop_before_exit()
    return _POOL


def _stop_before_exit() -> None:
    """Stop the pool before the interpreter's own exit handling of executors runs: left to
    that, a pool's manager thread can meet its closed wake-up pipe and print "Exception
    ignored in threading._shutdown … Bad file descriptor" as a traceback to the operator.
    Exit hooks added later run first, so this one runs before `concurrent.futures`'s own."""
    global _HOOKED
    if _HOOKED:
        return
    _HOOKED = True
    register = getattr(threading, "_register_atexit", None)
    if register is None:  # pragma: no cover - other interpreters
        atexit.register(shutdown)
        return
    try:
        register(shutdown)
    except RuntimeError:  # already shutting down: nothing more to register
        pass


def shutdown() -> None:
    """Stop the drawing processes and wait for them (at shutdown; they start again when
    next needed). Drawings not started are cancelled; one under way finishes first."""
    global _POOL
    pool, _POOL = _POOL, None
    if pool is not None:
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except OSError as exc:  # a drawing process already gone: nothing left to stop
            log.info("Charts: drawing processes already stopped (%s)", exc)


async def _off_the_loop(draw: Callable[[_T], _R], arg: _T) -> _R:
    """`draw(arg)` in a drawing process, or in a thread where no process can start."""
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_pool(), draw, arg)
    except (BrokenProcessPool, OSError, RuntimeError) as exc:
        # No drawing process (a restricted host, or one that died): draw in a thread instead.
        log.warning("Charts: no drawing process (%s); drawing in a thread", type(exc).__name__)
        shutdown()
        return await asyncio.to_thread(draw, arg)


async def _drawn(chart: Chart, fmt: Format) -> bytes | str:
    found = cached(chart, fmt)
    if found is not None:
        return found
    drawn: bytes | str
    if fmt == "png":
        drawn = await _off_the_loop(_draw_png, chart)
    else:  # about a millisecond of Python: a thread, not a round trip to another process
        drawn = await asyncio.to_thread(_draw_svg, chart)
    _keep(chart, fmt, drawn)
    return drawn


async def png(chart: Chart) -> bytes:
    """The chart as PNG bytes, drawn off the event loop (or kept from before)."""
    drawn = await _drawn(chart, "png")
    assert isinstance(drawn, bytes)
    return drawn


async def svg(chart: Chart) -> str:
    """The chart as an inline `<svg>`, drawn off the event loop (or kept from before)."""
    drawn = await _drawn(chart, "svg")
    assert isinstance(drawn, str)
    return drawn


def _draw_svgs(charts: Sequence[Chart]) -> list[str]:
    return [_draw_svg(c) for c in charts]


async def svgs(charts: Sequence[Chart]) -> list[str]:
    """Several charts as inline SVG (a report's), written in one batch in a worker thread: at
    about a millisecond each, starting a drawing process or a round trip to one would cost more
    than the writing (a report's 40 in about 50 ms)."""
    todo = list({digest(c, "svg"): c for c in charts if cached(c, "svg") is None}.values())
    if todo:
        for chart, one in zip(todo, await asyncio.to_thread(_draw_svgs, todo), strict=True):
            _keep(chart, "svg", one)
    found = [cached(c, "svg") for c in charts]
    if all(isinstance(f, str) for f in found):
        return [f for f in found if isinstance(f, str)]
    # More charts than are kept (KEPT): draw again those that fell out of memory.
    return [f if isinstance(f, str) else await svg(c) for c, f in zip(charts, found, strict=True)]
