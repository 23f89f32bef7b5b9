"""Charts in the local chat: a round's results and the report carry their chart as inline SVG
with role="img" and a text alternative (the chart's title and one-line summary), beside the
card's text; a chart that cannot be drawn leaves the text alone."""

from __future__ import annotations

import re

import pytest

from adapters.local import render as local_render
from bot.charts import render
from tests.conftest import Chat

SCORES = ("3 3 2 4 1 2 4 2", "2 3 1 4 0 2 3 1")


async def results(chat: Chat) -> dict:
    await chat.say("/coprod check")
    for i, person in enumerate(("ann", "bo", "cy", "di", "ed")):
        await chat.say(f"/coprod check answer {SCORES[i % 2]}", user=person)
    replies = await chat.say("/coprod check close")
    (closed,) = [r for r in replies if r["card"] and r["card"]["id"] == "check.results"]
    return closed


async def test_results_show_an_accessible_inline_svg_beside_the_text(chat: Chat) -> None:
    closed = await results(chat)
    page = closed["html"]
    (svg,) = re.findall(r"<svg\b[^>]*>", page)
    assert 'role="img"' in svg and "aria-labelledby=" in svg
    title, desc = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg).groups()  # type: ignore[union-attr]
    assert re.search(rf'<title id="{title}">[^<]+</title>', page)
    summary = re.search(rf'<desc id="{desc}">([^<]+)</desc>', page).group(1)  # type: ignore[union-attr]
    assert summary.startswith("Averages from 1 Not yet to 4 Embedded")
    assert "<script" not in page.split("<svg", 1)[1]
    # The card's text is still there: every principle, with its number.
    assert page.index("<figure") < page.index("<hr>")  # under the card's opening lines
    for n in range(1, 9):
        assert f"{n}. " in page


async def test_the_report_shows_its_trend_chart(chat: Chat) -> None:
    await results(chat)
    (report,) = await chat.say("/coprod report")
    assert report["card"]["id"] == "report"
    assert report["html"].count('role="img"') == 1


async def test_a_chart_that_cannot_be_drawn_leaves_the_text(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(chart):  # type: ignore[no-untyped-def]
        raise RuntimeError("no drawing today")

    render.forget_drawings()
    monkeypatch.setattr(local_render.render, "svg", broken)
    closed = await results(chat)
    assert "<svg" not in closed["html"] and "8. " in closed["html"]
