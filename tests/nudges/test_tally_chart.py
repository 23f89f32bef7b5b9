"""Issue 18: reflection tallies as a chart. The chart shows only splits the card shows (at
least the minimum group size answered); one question is a bar per answer, several are grouped;
the follow-up in the thread carries the chart on a small card with the tally as its words."""

from __future__ import annotations

from bot.chart import ChartKind
from bot.charts.render import draw_png, draw_svg
from bot.model import Threading
from bot.nudges.tallies import follow_up_reply
from bot.nudges.tally_chart import tally_chart
from tests.nudges.conftest import Bot

FAIR = "Did everyone get a fair chance to speak?"
HEARD = "Did partners' views shape the decision?"


def test_below_the_minimum_there_is_no_chart(bot: Bot) -> None:
    pack = bot.core.pack
    few = {"yes": 2, "partly": 1, "no": 1, "skip": 0}
    assert tally_chart(pack, [(FAIR, few)], minimum=5) is None
    assert tally_chart(pack, [(FAIR, dict.fromkeys(few, 0))], minimum=0) is None


def test_one_question_is_a_bar_per_answer(bot: Bot) -> None:
    pack = bot.core.pack
    chart = tally_chart(pack, [(FAIR, {"yes": 4, "partly": 2, "no": 1, "skip": 0})], minimum=5)
    assert chart is not None and chart.kind == ChartKind.BARS
    assert chart.labels == ("Yes", "Partly", "No", "Rather not say")
    assert chart.values() == [4.0, 2.0, 1.0, 0.0]
    assert chart.title == "How people answered (7 answers)"
    assert chart.summary == "Yes has the most, 4 of 7 in all."
    assert draw_png(chart).startswith(b"\x89PNG") and 'role="img"' in draw_svg(chart)


def test_several_questions_are_grouped_and_hidden_ones_left_out(bot: Bot) -> None:
    pack = bot.core.pack
    shown = [
        (FAIR, {"yes": 4, "partly": 2, "no": 1, "skip": 0}),
        (HEARD, {"yes": 1, "partly": 1, "no": 3, "skip": 0}),
        ("Hidden?", {"yes": 1, "partly": 0, "no": 0, "skip": 0}),  # below the minimum
    ]
    chart = tally_chart(pack, shown, minimum=5)
    assert chart is not None and chart.kind == ChartKind.GROUPED
    assert [s.name for s in chart.series] == [FAIR, HEARD]
    assert FAIR in chart.summary and "No has the most, 3 of 5 in all." in chart.summary
    assert "Hidden?" not in chart.summary
    assert draw_png(chart).startswith(b"\x89PNG")


def test_the_follow_up_carries_the_chart_with_the_tally_as_words(bot: Bot) -> None:
    pack = bot.core.pack
    chart = tally_chart(pack, [(FAIR, {"yes": 4, "partly": 2, "no": 1, "skip": 0})], minimum=5)
    lines = [("p4.reflection.2", FAIR, "7 answered: Yes 4, Partly 2, No 1.")]
    reply = follow_up_reply(bot.core, lines, chart)
    assert reply.threading == Threading.THREAD and reply.text == lines[0][2]
    assert reply.card is not None and reply.card.chart == chart
    assert reply.fallback == lines[0][2]
    assert follow_up_reply(bot.core, lines, None).card is None
