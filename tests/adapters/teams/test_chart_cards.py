"""Teams chart cards: every card the bot sends is valid against the Teams Adaptive Card schema,
charts are native chart elements with a text fallback, and a card stays under the size limit."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from adapters.teams.render import MAX_CARD_BYTES, card_json
from bot.chart import Chart, ChartKind, Series
from bot.model import Card, Text
from tests.catalogue import cards
from tests.words import TEAMS_REQUIRED

SCHEMA = Path(__file__).parent / "schema" / "teams-adaptive-card.schema.json"


@cache
def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def errors(card: dict[str, Any]) -> list[str]:
    """Schema errors of a card as Teams gets it (see schema/README.md for the msteams key)."""
    checked = dict(card)
    if "msteams" in checked:
        checked["msTeams"] = checked.pop("msteams")
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator().iter_errors(checked)]


def charts_in(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in card["body"] if e["type"].startswith("Chart.")]


async def test_every_catalogue_card_is_valid_against_the_teams_schema(tmp_path: Path) -> None:
    kinds = set()
    async for name, card in cards(tmp_path):
        rendered = card_json(card, required_message=TEAMS_REQUIRED)
        assert errors(rendered) == [], name
        assert len(json.dumps(rendered).encode()) < MAX_CARD_BYTES, name
        kinds.update(e["type"] for e in charts_in(rendered))
    assert {"Chart.Line"} <= kinds
    assert kinds & {"Chart.HorizontalBar", "Chart.VerticalBar.Grouped"}


async def test_results_and_report_cards_carry_native_charts_with_a_text_fallback(
    tmp_path: Path,
) -> None:
    found = {name: card async for name, card in cards(tmp_path)}
    for name in ("check-results", "check-results-gap", "report"):
        card = found[name]
        assert card.chart is not None, name
        (element,) = charts_in(card_json(card))
        fallback = {"type": "TextBlock", "text": card.chart.summary, "wrap": True}
        assert element["fallback"] == fallback
        assert element["title"] == card.chart.title
    (line,) = charts_in(card_json(found["report"]))
    assert line["type"] == "Chart.Line" and len(line["data"]) == 8
    # The card's text is still all there: the chart is an addition, never a replacement.
    without = card_json(replace(found["report"], chart=None))
    assert all(e in card_json(found["report"])["body"] for e in without["body"])


def _chart(kind: ChartKind, labels: int, series: int = 1) -> Chart:
    names = tuple(f"Label {i}" for i in range(labels))
    return Chart(
        kind=kind,
        title="A title",
        summary="What it shows.",
        labels=names,
        series=tuple(
            Series(f"Group {j}", tuple(float(i % 4 + 1) for i in range(labels)))
            for j in range(series)
        ),
    )


def test_each_kind_of_chart_is_its_teams_element_and_valid() -> None:
    expected = {
        ChartKind.BARS: "Chart.HorizontalBar",
        ChartKind.GROUPED: "Chart.VerticalBar.Grouped",
        ChartKind.LINES: "Chart.Line",
    }
    for kind, element_type in expected.items():
        chart = _chart(kind, 8, series=2 if kind != ChartKind.BARS else 1)
        card = card_json(Card(title="T", fallback_text="F", blocks=(Text("x"),), chart=chart))
        assert errors(card) == []
        (element,) = charts_in(card)
        assert element["type"] == element_type


def test_a_value_nobody_scored_is_left_out_of_the_picture_not_drawn_as_zero() -> None:
    chart = replace(
        _chart(ChartKind.BARS, 3), series=(Series("", (2.5, None, 3.0)),), missing="Don't know"
    )
    (element,) = charts_in(card_json(Card(title="T", fallback_text="F", chart=chart)))
    assert element["data"] == [{"x": "Label 0", "y": 2.5}, {"x": "Label 2", "y": 3.0}]


def test_a_chart_too_big_for_a_teams_message_is_left_out_and_the_text_stays() -> None:
    huge = _chart(ChartKind.LINES, 400, series=8)
    card = card_json(Card(title="T", fallback_text="F", blocks=(Text("every number"),), chart=huge))
    assert charts_in(card) == []
    assert any(e.get("text") == "every number" for e in card["body"])
    assert len(json.dumps(card).encode()) < MAX_CARD_BYTES


async def test_a_reflection_tally_card_carries_a_valid_native_chart() -> None:
    """Issue 18: the tally's follow-up card, with one vote question and with two, is valid
    against the Teams schema, and its chart falls back to the summary."""
    from types import SimpleNamespace

    from bot.nudges.tallies import follow_up_reply
    from bot.nudges.tally_chart import tally_chart
    from bot.prompts import load_shipped

    pack = load_shipped()
    core = SimpleNamespace(pack=pack)  # the follow-up needs only the core's prompts
    split = {"yes": 4, "partly": 2, "no": 1, "skip": 0}
    one = tally_chart(pack, [("Fair?", split)], minimum=5)
    two = tally_chart(pack, [("Fair?", split), ("Heard?", split)], minimum=5)
    assert one is not None and two is not None
    lines = [("q", "Fair?", "7 answered: Yes 4, Partly 2, No 1.")]
    for chart, kind in ((one, "Chart.HorizontalBar"), (two, "Chart.VerticalBar.Grouped")):
        reply = follow_up_reply(core, lines, chart)  # type: ignore[arg-type]
        assert reply.card is not None
        rendered = card_json(reply.card)
        assert errors(rendered) == []
        (element,) = charts_in(rendered)
        assert element["type"] == kind
        assert element["fallback"] == {"type": "TextBlock", "text": chart.summary, "wrap": True}
