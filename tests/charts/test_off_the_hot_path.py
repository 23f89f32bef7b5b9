"""Drawing stays off the hot path: starting the bot or building a chart never loads the
drawing library, and the async drawing runs off the event loop (a PNG in a drawing process, an
SVG in a worker thread) while the loop goes on; a chart already drawn is not drawn again."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import pytest

from bot.charts import render
from tests.charts.conftest import drawn_named, fresh_process


def test_the_bot_and_the_builders_do_not_import_the_plotting_library() -> None:
    assert fresh_process()["loaded_before_drawing"] == []


async def test_async_drawing_runs_in_a_drawing_process_and_the_loop_keeps_going() -> None:
    chart = drawn_named("check-results").chart
    render.forget_drawings()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.001)
            ticks += 1

    task = asyncio.create_task(ticker())
    png, svg = await asyncio.gather(render.png(chart), render.svg(chart))
    task.cancel()
    assert png.startswith(b"\x89PNG") and svg.startswith("<svg")
    assert isinstance(render._POOL, ProcessPoolExecutor)  # drawn in another process
    assert png == render._draw_png(chart)  # the same picture as drawn here
    assert ticks >= 3  # the loop ran other work while the charts were drawn


async def test_a_chart_is_drawn_once_and_kept_by_what_it_shows(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chart = drawn_named("check-results").chart
    first = await render.png(chart)
    monkeypatch.setattr(render, "_pool", lambda: pytest.fail("drawn again"))
    assert await render.png(chart) is first
    assert render.cached(chart, "png") is first
    other = replace(chart, title=chart.title + " ")
    assert render.cached(other, "png") is None  # a different chart is a different drawing


async def test_without_a_drawing_process_the_chart_is_drawn_in_a_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chart = drawn_named("check-groups").chart
    render.forget_drawings()

    def refused() -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(render, "_pool", refused)
    threads: list[int] = []
    real = render._draw_png

    def spy(c):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(c)

    monkeypatch.setattr(render, "_draw_png", spy)
    assert (await render.png(chart)).startswith(b"\x89PNG")
    assert threads and threading.get_ident() not in threads


async def test_a_reports_charts_are_written_in_one_batch_off_the_loop_and_in_order(
    monkeypatch,
) -> None:  # type: ignore[no-untyped-def]
    charts = [drawn_named(n).chart for n in ("report-trend", "check-groups", "counts")]
    charts.append(charts[0])  # the same chart twice is drawn once
    render.forget_drawings()
    batches: list[tuple[int, int]] = []  # (charts in the batch, the thread that wrote them)
    real = render._draw_svgs

    def counted(todo):  # type: ignore[no-untyped-def]
        batches.append((len(todo), threading.get_ident()))
        return real(todo)

    monkeypatch.setattr(render, "_draw_svgs", counted)
    drawn = await render.svgs(charts)
    assert drawn == [render._draw_svg(c) for c in charts]
    assert [n for n, _thread in batches] == [3]
    assert batches[0][1] != threading.get_ident()  # not on the event loop's thread
    assert await render.svgs(charts) == drawn and len(batches) == 1  # kept: not written again
