"""Sample charts built by the real builders from fixed check answers, drawn once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from bot.chart import Chart
from bot.charts.counts import counts_chart
from bot.charts.render import draw_png, draw_svg
from bot.check.answers import Answer
from bot.check.charts import check_labels, groups_chart, results_chart, trend_chart
from bot.check.minimum import DEFAULT_MINIMUM
from bot.check.report import Trend
from bot.check.results import RoundResults, summarise
from bot.check.rounds import CLOSED, Round
from bot.nudges.tally_chart import tally_chart
from bot.prompts import PromptPack, load_shipped

# Five partners and five staff (enough for the comparison under the default group size), with
# a single lowest and highest principle and a single widest partners–staff gap.
PARTNERS = [
    "1 2 2 3 3 2 1 2",
    "2 2 1 2 3 2 2 1",
    "1 3 2 2 0 3 1 2",
    "2 2 1 3 4 2 2 2",
    "1 2 2 2 3 3 1 1",
]
STAFF = [
    "3 3 2 4 3 2 3 3",
    "4 2 2 3 4 3 3 2",
    "3 3 1 4 0 2 4 3",
    "3 2 2 3 4 3 3 3",
    "4 3 1 4 4 2 3 2",
]
ROUND = Round("local:local:general#4", "local:local", "general", 4, CLOSED, "2026-03-02T10:00")


def answers(rows: list[str], role: str) -> list[Answer]:
    return [Answer(tuple(int(s) for s in row.split()), role) for row in rows]


@cache
def pack() -> PromptPack:
    return load_shipped()


@cache
def found() -> RoundResults:
    everyone = answers(PARTNERS, "partner") + answers(STAFF, "staff")
    return RoundResults(ROUND, len(everyone), summarise(everyone, minimum=DEFAULT_MINIMUM))


TRENDS = [
    Trend(1, (1.2, 1.8, 2.0, 2.4)),
    Trend(2, (2.0, 2.0, 2.1, 2.5)),
    Trend(3, (1.0, None, 1.5, 1.4)),
    Trend(4, (3.0, 3.1, 2.6, 2.7)),
    Trend(5, (2.2, 2.9, 3.3, 3.6)),
    Trend(6, (2.5, 2.5, 2.5, 2.5)),
    Trend(7, (1.5, 1.7, 1.6, 2.0)),
    Trend(8, (3.4, 3.0, 3.2, 3.1)),
]


TALLY = {"yes": 4, "partly": 2, "no": 1, "skip": 0}  # a reflection vote's closed tally


@cache
def samples() -> dict[str, Chart]:
    """The four kinds the bot draws, by reference file name."""
    results = results_chart(pack(), found())
    groups = groups_chart(pack(), found())
    trend = trend_chart(pack(), TRENDS, check_labels(pack(), [1, 2, 4, 5]))
    assert results and groups and trend
    votes = counts_chart(
        pack(),
        title="Which question should we talk about next?",
        labels=[
            "Who is missing from the room?",
            "What did we change because of partners?",
            "What support do partners need?",
        ],
        counts=[7, 3, 4],
    )
    tally = tally_chart(pack(), [("Did everyone get a fair chance to speak?", TALLY)], minimum=5)
    assert tally is not None
    return {
        "check-results": results,
        "check-groups": groups,
        "report-trend": trend,
        "counts": votes,
        "reflection-tally": tally,
    }


@dataclass(frozen=True)
class Drawn:
    chart: Chart
    png: bytes
    svg: str


@cache
def _drawn(name: str) -> Drawn:
    chart = samples()[name]
    return Drawn(chart, draw_png(chart), draw_svg(chart))


@pytest.fixture(
    params=["check-results", "check-groups", "report-trend", "counts", "reflection-tally"]
)
def drawn(request: pytest.FixtureRequest) -> Drawn:
    return _drawn(request.param)


def drawn_named(name: str) -> Drawn:
    return _drawn(name)


_FRESH = """
import hashlib, json, sys
import runtime.server, bot.core, bot.model
import bot.check.charts, bot.charts.counts, bot.charts.render
from tests.charts.conftest import samples
chart = samples()["check-groups"]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"matplotlib", "numpy", "PIL"})
from bot.charts.render import draw_png, draw_svg
from bot.nudges.tally_chart import tally_chart
png, svg = draw_png(chart), draw_svg(chart)
print(json.dumps({
    "loaded_before_drawing": loaded,
    "loaded_by_drawing": sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "numpy"}),
    "png": hashlib.sha256(png).hexdigest(),
    "svg": hashlib.sha256(svg.encode()).hexdigest(),
}))
"""


@cache
def fresh_process() -> dict[str, object]:
    """What another interpreter (another hash seed) loads when the bot starts and a chart is
    built, and the digests of the drawing it then makes: one run serves two tests."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", _FRESH],
        cwd=root,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout))
