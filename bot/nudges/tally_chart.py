"""A reflection's tally as a chart: how many gave each answer, drawn where the card shows it.

Only questions whose split is shown (at least the minimum group size answered) are drawn, so a
chart never shows more than the card's words do. One question is one bar per answer; several
are grouped, one series per question. The words come from prompts (`nudge.tally.chart_*`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..chart import Chart, ChartKind, Scale, Series
from ..charts.counts import counts_chart, counts_summary
from .cards import VOTES

if TYPE_CHECKING:
    from ..prompts import PromptPack

CHART_ID = "reflection-tally"


def tally_chart(
    pack: PromptPack, shown: Sequence[tuple[str, dict[str, int]]], minimum: int
) -> Chart | None:
    """`shown`: (question wording, counts per answer) of each vote question; None when no
    question has enough answers to show its split."""
    drawn = [(text, numbers) for text, numbers in shown if sum(numbers.values()) >= max(minimum, 1)]
    if not drawn:
        return None
    labels = [pack.say(f"nudge.vote.{v}") for v in VOTES]
    axis = pack.say("nudge.tally.chart_axis")
    if len(drawn) == 1:
        ((_, numbers),) = drawn
        total = sum(numbers.values())
        return counts_chart(
            pack,
            title=pack.say("nudge.tally.chart_title", count=total),
            labels=labels,
            counts=[numbers[v] for v in VOTES],
            axis_title=axis,
            id=CHART_ID,
        )
    summary = " ".join(
        pack.say(
            "nudge.tally.chart_summary_many",
            question=text,
            summary=counts_summary(pack, labels, [numbers[v] for v in VOTES]),
        )
        for text, numbers in drawn
    )
    return Chart(
        kind=ChartKind.GROUPED,
        id=CHART_ID,
        title=pack.say("nudge.tally.chart_title_many"),
        summary=summary,
        labels=tuple(labels),
        series=tuple(
            Series(text, tuple(float(numbers[v]) for v in VOTES)) for text, numbers in drawn
        ),
        scale=Scale(low=0.0, high=None, decimals=0),
        axis_title=axis,
    )
