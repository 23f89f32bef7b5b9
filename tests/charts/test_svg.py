"""Inline SVG: a text alternative screen readers announce, ids that never clash on a page,
references that resolve, no timestamps, and the same bytes in every process."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from bot.chart import ChartKind
from bot.charts.render import draw_svg
from tests.charts.conftest import Drawn, drawn_named, fresh_process

SVG = "{http://www.w3.org/2000/svg}"


def ids(svg: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', svg)


def test_svg_is_an_image_named_by_its_title_and_summary(drawn: Drawn) -> None:
    root = ET.fromstring(drawn.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text == drawn.chart.title
    assert desc.text == drawn.chart.summary
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    assert root.get("viewBox")


def test_svg_is_ready_to_put_inside_a_page(drawn: Drawn) -> None:
    assert drawn.svg.startswith("<svg ")
    for absent in ("<?xml", "<!DOCTYPE", "<metadata", "dc:date", "Matplotlib v", "<script"):
        assert absent not in drawn.svg
    assert "max-width:100%" in drawn.svg  # shrinks to a phone's width


def test_svg_ids_are_unique_prefixed_and_every_reference_resolves(drawn: Drawn) -> None:
    found = ids(drawn.svg)
    assert len(found) == len(set(found))
    prefix = found[0].removesuffix("-title")
    assert all(i.startswith(prefix) for i in found)
    refs = re.findall(r'href="#([^"]+)"', drawn.svg) + re.findall(r"url\(#([^)]+)\)", drawn.svg)
    hatched = drawn.chart.kind == ChartKind.GROUPED  # partners and staff: staff striped
    assert bool(refs) == hatched, "the stripes' pattern is referenced"
    assert set(refs) <= set(found)


def test_two_charts_on_one_page_share_no_id() -> None:
    a, b = drawn_named("check-results"), drawn_named("check-groups")
    assert not set(ids(a.svg)) & set(ids(b.svg))


def test_svg_is_the_same_bytes_every_time() -> None:
    drawn = drawn_named("check-results")
    assert draw_svg(drawn.chart) == drawn.svg


def test_png_and_svg_are_the_same_in_a_fresh_process() -> None:
    """Another interpreter (another hash seed, a cold font cache in memory) draws the same."""
    drawn = drawn_named("check-groups")
    fresh = fresh_process()
    assert fresh["png"] == hashlib.sha256(drawn.png).hexdigest()
    assert fresh["svg"] == hashlib.sha256(drawn.svg.encode()).hexdigest()


def test_words_are_escaped_in_the_text_alternative() -> None:
    chart = drawn_named("counts").chart
    odd = replace(chart, title='Votes <b>&</b> "quotes"', summary="a < b & c")
    root = ET.fromstring(draw_svg(odd))
    assert root[0].text == 'Votes <b>&</b> "quotes"'
    assert root[1].text == "a < b & c"


def test_hostile_words_cannot_break_out_of_the_svg() -> None:
    """Labels can be admin or member words: in titles, desc and the library's comments they
    stay text, so the inline SVG cannot carry markup into the page."""
    chart = drawn_named("counts").chart
    evil = "--><script>alert(1)</script><!--"
    odd = replace(
        chart,
        id='x"><script>',
        title=evil,
        summary=evil,
        labels=(evil, *chart.labels[1:]),
        note=evil,
    )
    svg = draw_svg(odd)
    assert "<script" not in svg
    root = ET.fromstring(svg)  # still one well-formed element
    assert root[0].text == evil and root[1].text == evil
    assert not [e for e in root.iter() if e.tag.endswith("script")]
