"""Drawing stays off the hot path: starting the bot or building a chart never loads the
plotting library, and the async drawing runs in a worker thread while the event loop goes on."""

from __future__ import annotations

import asyncio
import threading

from bot.charts import render
from tests.charts.conftest import drawn_named, fresh_process


def test_the_bot_and_the_builders_do_not_import_the_plotting_library() -> None:
    assert fresh_process()["loaded_before_drawing"] == []


async def test_async_drawing_runs_in_a_worker_thread_and_the_loop_keeps_going(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    chart = drawn_named("check-results").chart
    threads: list[int] = []
    real = render._save

    def spy(c, fmt):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(c, fmt)

    monkeypatch.setattr(render, "_save", spy)
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
    assert threads and threading.get_ident() not in threads
    assert ticks >= 3  # the loop ran other work while the charts were drawn
