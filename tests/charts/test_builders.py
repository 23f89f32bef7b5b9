"""Charts built from real check data: answers sent through the local chat, read back with the
check's own functions; and the rules for when there is no chart to draw."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.chart import Chart, ChartKind, Series, chart_to_dict
from bot.charts.counts import counts_chart
from bot.charts.labels import principle_label
from bot.check.charts import (
    check_labels,
    check_scale,
    groups_chart,
    results_chart,
    spread,
    trend_chart,
)
from bot.check.closing import round_results
from bot.check.minimum import DEFAULT_MINIMUM
from bot.check.report import Trend, channel_trends
from bot.check.results import RoundResults, summarise
from bot.check.rounds import channel_rounds
from bot.model import Card, ConversationRef, Platform
from tests.charts.conftest import PARTNERS, ROUND, STAFF, TRENDS, answers, pack
from tests.check.conftest import ROUND2, submit
from tests.conftest import Chat

REF = ConversationRef(Platform.LOCAL, "local", "general")


async def _round(chat: Chat, rows: list[tuple[str, str]], round_key: str) -> None:
    await chat.say("/coprod check")
    for i, (scores, role) in enumerate(rows):
        await submit(chat, f"person{i}.chart", scores, role, round_key=round_key)
    await chat.say("/coprod check close")


async def test_charts_from_rounds_answered_in_the_chat(chat: Chat) -> None:
    everyone = [(s, "partner") for s in PARTNERS] + [(s, "staff") for s in STAFF]
    await _round(chat, everyone, "local:local:general#1")
    await _round(chat, [(s, "") for s in STAFF], ROUND2)
    store, words = chat.runtime.store, chat.runtime.core.pack
    first, second = await channel_rounds(store, REF.scope, REF.channel)
    found = await round_results(store, first)
    assert found.results is not None

    results = results_chart(words, found)
    assert results is not None and results.kind == ChartKind.BARS
    assert results.labels[0] == "1. Embed Co-production"
    assert results.series[0].values == tuple(p.average for p in found.results.principles)
    assert results.title == "Check 1: how we see each principle (10 answers)"
    assert "lowest is 3. Promote Equality, Diversity and Inclusion at 1.6" in results.summary

    groups = groups_chart(words, found)
    assert groups is not None and [s.name for s in groups.series] == ["Partners", "Staff"]
    assert groups.series[0].values[0] == found.results.principles[0].partners == 1.4
    assert "differ most on 1. Embed Co-production: partners 1.4, staff 3.4" in groups.summary

    # The second round had no roles: the check shows no comparison, so there is no chart.
    assert groups_chart(words, await round_results(store, second)) is None

    trends, count = await channel_trends(store, REF)
    trend = trend_chart(words, trends, check_labels(words, [first.seq, second.seq]))
    assert trend is not None and count == 2 and trend.small_multiples
    assert trend.labels == ("1", "2")
    assert [s.values for s in trend.series] == [t.values for t in trends]
    assert trend.summary.startswith("Across 2 checks the average went up for")


def test_spread_is_the_lowest_and_highest_answer_given() -> None:
    results = summarise(
        answers(["1 4 0 2 2 2 2 2", "3 4 0 2 2 2 2 4"], ""), minimum=DEFAULT_MINIMUM
    )
    assert spread(results.by_number(1)) == (1.0, 3.0)
    assert spread(results.by_number(2)) == (4.0, 4.0)
    assert spread(results.by_number(3)) == (None, None)  # everyone chose Don't know
    chart = results_chart(pack(), RoundResults(ROUND, 2, results))
    assert chart is not None
    assert chart.series[0].values[2] is None
    assert chart.series[0].low[7] == 2.0 and chart.series[0].high[7] == 4.0
    assert chart.missing == "Everyone chose Don't know"


def test_no_chart_without_results_or_without_any_score() -> None:
    assert results_chart(pack(), RoundResults(ROUND, 2, None)) is None
    assert groups_chart(pack(), RoundResults(ROUND, 2, None)) is None
    nothing = summarise(answers(["0 0 0 0 0 0 0 0"] * 3, ""), minimum=DEFAULT_MINIMUM)
    assert results_chart(pack(), RoundResults(ROUND, 3, nothing)) is None
    assert trend_chart(pack(), TRENDS, []) is None


def test_one_scored_principle_is_said_plainly() -> None:
    one = summarise(answers(["0 0 3 0 0 0 0 0", "0 0 2 0 0 0 0 0"], ""), minimum=DEFAULT_MINIMUM)
    chart = results_chart(pack(), RoundResults(ROUND, 2, one))
    assert chart is not None
    assert chart.summary == (
        "Only 3. Promote Equality, Diversity and Inclusion has scores: its average is 2.5 out of 4."
    )


def test_same_groups_say_so() -> None:
    rows = ["2 2 2 2 2 2 2 2"] * 5
    same = summarise(answers(rows, "partner") + answers(rows, "staff"), minimum=DEFAULT_MINIMUM)
    chart = groups_chart(pack(), RoundResults(ROUND, 10, same))
    assert chart is not None
    assert chart.summary == "Partners and staff gave the same average for every principle."


def test_trend_summaries() -> None:
    flat = [Trend(n, (2.0, 2.0)) for n in range(1, 9)]
    assert trend_chart(pack(), flat, ["1", "2"]).summary == (  # type: ignore[union-attr]
        "Across 2 checks no principle's average has changed."
    )
    one = trend_chart(pack(), [Trend(n, (2.0,)) for n in range(1, 9)], ["1"])
    assert one is not None and "one check so far" in one.summary
    chart = trend_chart(pack(), TRENDS, ["1", "2", "4", "5"])
    assert chart is not None
    assert chart.summary == (
        "Across 4 checks the average went up for 5 of the 8 principles and down for 2. "
        "The biggest change was 5. Foster Open and Transparent Communication, from 2.2 to 3.6."
    )


def test_the_check_scale_uses_the_answer_words() -> None:
    scale = check_scale(pack())
    assert [(t.value, t.label) for t in scale.ticks] == [
        (1.0, "Not yet"),
        (2.0, "Starting"),
        (3.0, "Developing"),
        (4.0, "Embedded"),
    ]
    assert (
        scale.number(2.25) == "2.2" and principle_label(pack(), 6) == "6. Provide Ongoing Support"
    )


def test_counts_summaries_name_the_most_and_all_ties() -> None:
    def summary(counts: list[int]) -> str:
        return counts_chart(pack(), title="t", labels=["A", "B", "C"], counts=counts).summary

    assert summary([1, 5, 2]) == "B has the most, 5 of 8 in all."
    assert summary([5, 5, 5]) == "A, B and C have the most, 5 each, of 15 in all."
    assert summary([4, 0, 4]) == "A and C have the most, 4 each, of 8 in all."
    assert summary([0, 0, 0]) == "Nothing has been counted yet."
    with pytest.raises(ValueError):
        counts_chart(pack(), title="t", labels=["A"], counts=[1, 2])
    with pytest.raises(ValueError):
        counts_chart(pack(), title="t", labels=["A"], counts=[-1])


def test_a_chart_refuses_values_that_do_not_match_its_labels() -> None:
    with pytest.raises(ValueError):
        Chart(ChartKind.BARS, "t", "s", ("a", "b"), (Series("x", (1.0,)),))
    with pytest.raises(ValueError):
        Series("x", (1.0, 2.0), low=(1.0,), high=(2.0, 2.0))
    with pytest.raises(ValueError):
        Chart(ChartKind.BARS, "t", "s", ("a",), ())


def test_a_card_carries_a_chart_beside_its_text() -> None:
    chart = counts_chart(pack(), title="Votes", labels=["A"], counts=[3])
    card = replace(Card(title="Votes", fallback_text="A: 3"), chart=chart)
    assert card.chart is chart and card.fallback_text == "A: 3"
    assert Card(title="x", fallback_text="y").chart is None
    data = chart_to_dict(chart)
    assert data["kind"] == "bars" and data["series"][0]["values"] == (3.0,)
