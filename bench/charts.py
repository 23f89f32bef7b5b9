"""Chart timings: drawing one check results chart (PNG and SVG), and the drawing a report of
many channels × rounds would need; plus the drawing code's import cost, a report's charts in a
fresh interpreter, and how long the event loop waits while PNGs are drawn in the drawing
processes.

Run: `.venv/bin/python -m bench.charts [--channels 20] [--rounds 12] [--repeat 20]`. The data
is made up (answers are not read from a store: `bench.check` times that part). Targets from
issue 18: one chart under 100 ms, a report's charts under 2 s."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from bench.machine import header, percentiles, rss_mb
from bot.chart import Chart
from bot.check.answers import Answer
from bot.check.charts import check_labels, groups_chart, results_chart, trend_chart
from bot.check.report import Trend
from bot.check.results import RoundResults, summarise
from bot.check.rounds import CLOSED, Round
from bot.prompts import PromptPack, load_shipped

ROOT = Path(__file__).resolve().parents[1]
CHART_TARGET_MS, REPORT_TARGET_S = 100.0, 2.0


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def _round(rng: random.Random, seq: int, people: int) -> RoundResults:
    answers = [
        Answer(tuple(rng.randint(0, 4) for _ in range(8)), rng.choice(["partner", "staff"]))
        for _ in range(people)
    ]
    rnd = Round(f"slack:T1:C1#{seq}", "slack:T1", "C1", seq, CLOSED, "2026-01-05T10:00")
    return RoundResults(rnd, people, summarise(answers, minimum=3))


def _trends(rng: random.Random, rounds: int) -> list[Trend]:
    return [
        Trend(n, tuple(round(rng.uniform(1, 4), 1) for _ in range(rounds))) for n in range(1, 9)
    ]


def _time(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Wall-clock percentiles, and `cpu`: the median CPU time of this process (less swayed by
    other work on a shared machine)."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {**percentiles(samples), "cpu": sorted(cpu)[len(cpu) // 2]}


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _fmt(p: dict[str, float]) -> str:
    return (
        f"p50 {p['p50']:.0f} ms, p95 {p['p95']:.0f} ms, max {p['max']:.0f} ms "
        f"(CPU p50 {p['cpu']:.0f} ms)"
    )


def _fresh(code: str) -> list[str]:
    """What `code` prints, run in a fresh interpreter (its main module is not a file, as in the
    bot, so drawing processes it starts import only the drawing code)."""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def cold_start() -> None:
    """A fresh interpreter: importing the drawing code, then the first charts (fonts load)."""
    core_ms, import_ms, png_ms, svg_ms = _fresh(
        "import time\n"
        "t = time.perf_counter()\n"
        "import bot.core, bot.check.charts\n"
        "t1 = time.perf_counter()\n"
        "from bot.charts import bars, lines, figure, png, svg\n"
        "t2 = time.perf_counter()\n"
        "from bench.charts import first_chart\n"
        "from bot.charts.render import draw_png, draw_svg\n"
        "chart = first_chart()\n"
        "t3 = time.perf_counter()\n"
        "draw_png(chart)\n"
        "t4 = time.perf_counter()\n"
        "draw_svg(chart)\n"
        "t5 = time.perf_counter()\n"
        "print(*(f'{ms * 1000:.0f}' for ms in (t1 - t, t2 - t1, t4 - t3, t5 - t4)))\n"
    )
    print(f"import bot.core + chart builders: {core_ms} ms (the drawing code not loaded)")
    print(
        f"import the drawing code (layouts, SVG writer, Pillow): {import_ms} ms, once per process"
    )
    print(f"first results chart in that process: PNG {png_ms} ms (fonts load), SVG {svg_ms} ms")


def report_in_a_fresh_process(channels: int, rounds: int) -> float:
    """Seconds to draw a report's charts in a fresh interpreter (as `app.py report` does): the
    drawing code loads, then the charts are written."""
    (seconds,) = _fresh(
        "import asyncio, time\n"
        "from bench.charts import report_charts\n"
        "from bot.charts import render\n"
        "from bot.prompts import load_shipped\n"
        f"charts = report_charts(load_shipped(), {channels}, {rounds})\n"
        "t = time.perf_counter()\n"
        "asyncio.run(render.svgs(charts))\n"
        "print(f'{time.perf_counter() - t:.3f}')\n"
        "render.shutdown()\n"
    )
    return float(seconds)


def first_chart() -> Chart:
    chart = results_chart(load_shipped(), _round(random.Random(1), 1, 12))
    assert chart is not None
    return chart


def report_charts(pack: PromptPack, channels: int, rounds: int) -> list[Chart]:
    """Per channel: the trend across its rounds, and the latest round's results and groups."""
    rng = random.Random(7)
    charts: list[Chart] = []
    for _ in range(channels):
        latest = _round(rng, rounds, 12)
        labels = check_labels(pack, range(1, rounds + 1))
        # As the report file draws them: the trend, then partners and staff (or the results).
        for chart in (
            trend_chart(pack, _trends(rng, rounds), labels),
            groups_chart(pack, latest) or results_chart(pack, latest),
        ):
            if chart is not None:
                charts.append(chart)
    return charts


async def loop_lag(
    chart: Chart | None,
    count: int,
    seconds: float = 0.0,
    pool: Executor | None = None,
    report: list[Chart] | None = None,
) -> tuple[float, float]:
    """The longest extra wait of a 5 ms ticker while `count` PNGs are drawn the bot's way
    (`render.png`: in the drawing processes), or in `pool`, or while a `report`'s SVGs are
    written (`render.svgs`), and the time they took; with `chart=None`, the floor: the same
    ticker while the loop only sleeps for `seconds` (what the machine alone costs)."""
    from bot.charts.render import forget_drawings, png, svgs

    worst = 0.0
    done = False

    async def ticker() -> None:
        nonlocal worst
        while not done:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            worst = max(worst, (time.perf_counter() - start) * 1000 - 5)

    task = asyncio.create_task(ticker())
    start = time.perf_counter()
    if report is not None:
        forget_drawings()
        await svgs(report)
    elif chart is None:
        await asyncio.sleep(seconds)
    elif pool is not None:
        from bot.charts.render import draw_png

        for _ in range(count):
            await asyncio.get_running_loop().run_in_executor(pool, draw_png, chart)
    else:
        for _ in range(count):
            forget_drawings()
            await png(chart)
    elapsed = time.perf_counter() - start
    done = True
    await task
    return worst, elapsed


async def report_drawing(charts: list[Chart]) -> tuple[float, float]:
    """The report's charts drawn the bot's way (`render.svgs`: one batch in a worker thread,
    the drawing code loaded, nothing kept yet), then the same again (every drawing kept):
    seconds each."""
    from bot.charts import render

    render.forget_drawings()
    await render.svg(charts[0])  # the drawing code loads first
    render.forget_drawings()
    start = time.perf_counter()
    await render.svgs(charts)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    await render.svgs(charts)
    return cold, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    header("charts: drawing check results and a report's charts")
    print(load())
    cold_start()

    from bot.charts import render

    pack = load_shipped()
    results = results_chart(pack, _round(random.Random(3), 4, 12))
    assert results is not None
    render.draw_png(results)  # warm: the library and fonts are loaded once per process
    # The drawing itself (render._draw_*), not the kept copy a second call returns.
    png = _time(lambda: render._draw_png(results), args.repeat)
    svg = _time(lambda: render._draw_svg(results), args.repeat)
    kept = _time(lambda: render.draw_png(results), args.repeat)
    print(f"results chart, PNG ({len(render.draw_png(results)) // 1024} KB): {_fmt(png)}")
    print(f"results chart, SVG ({len(render.draw_svg(results)) // 1024} KB): {_fmt(svg)}")
    print(f"results chart already drawn (kept by digest): p50 {kept['p50']:.3f} ms")
    trend = report_charts(pack, 1, args.rounds)[0]  # the tallest chart: 8 panels
    trend_png = _time(lambda: render._draw_png(trend), args.repeat)
    trend_svg = _time(lambda: render._draw_svg(trend), args.repeat)
    print(
        f"trend chart over {args.rounds} rounds (the report command's picture on Slack), "
        f"PNG ({len(render._draw_png(trend)) // 1024} KB): {_fmt(trend_png)}; "
        f"SVG: {_fmt(trend_svg)}"
    )

    charts = report_charts(pack, args.channels, args.rounds)
    start, start_cpu = time.perf_counter(), time.process_time()
    for chart in charts:
        render._draw_svg(chart)
    report_s = time.perf_counter() - start
    report_cpu = time.process_time() - start_cpu
    print(
        f"report: {args.channels} channels x {args.rounds} rounds = {len(charts)} SVG charts "
        f"(trend, and partners and staff or results, per channel), one after another here: "
        f"{report_s:.2f} s, {report_s * 1000 / len(charts):.0f} ms a chart (CPU {report_cpu:.2f} s)"
    )
    cold, again = asyncio.run(report_drawing(charts))
    print(
        f"report charts off the event loop (render.svgs, one worker thread): {cold:.2f} s; "
        f"the same report again (every chart kept): {again * 1000:.1f} ms"
    )
    fresh = report_in_a_fresh_process(args.channels, args.rounds)
    print(f"the same report's charts in a fresh interpreter (as app.py report): {fresh:.2f} s")
    render.forget_drawings()
    worst, elapsed = asyncio.run(loop_lag(results, 10))
    floor, _ = asyncio.run(loop_lag(None, 0, elapsed))
    written, _ = asyncio.run(loop_lag(None, 0, report=charts))
    print("event loop, longest extra wait of a 5 ms timer while 10 PNGs are drawn:")
    print(f"  in the drawing process (render.png, the bot's way): {worst:.0f} ms")
    print(f"  while the report's {len(charts)} SVGs are written (render.svgs): {written:.0f} ms")
    print(f"  floor, the same timer with nothing drawing: {floor:.0f} ms")
    render.shutdown()
    print(f"peak memory (this process): {rss_mb():.0f} MB; {load()}")
    chart_ok = png["p50"] < CHART_TARGET_MS and svg["p50"] < CHART_TARGET_MS
    report_ok = cold < REPORT_TARGET_S
    print(
        f"target: a chart under {CHART_TARGET_MS:.0f} ms (p50): {_met(chart_ok)}; "
        f"a report under {REPORT_TARGET_S:.0f} s (off the event loop, nothing kept): "
        f"{_met(report_ok)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
