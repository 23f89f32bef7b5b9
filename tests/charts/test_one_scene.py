"""One scene, two pictures: the PNG and the SVG are drawn from the same shapes and words, so
they agree; the SVG's words are text; drawing loads neither matplotlib nor numpy."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PIL import ImageFont

from bot.charts import palette
from bot.charts.render import scene
from bot.charts.style import ASCENT, DESCENT, DPI, font_file
from tests.charts.conftest import Drawn, drawn_named, fresh_process
from tests.charts.test_summary_matches_picture import bar_lengths

SVG = "{http://www.w3.org/2000/svg}"


def svg_bar_widths(svg: str, colour: str) -> list[float]:
    """The widths (points) of the SVG's bars of `colour`, top to bottom, legend left out."""
    root = ET.fromstring(svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == colour and r.get("x")]
    starts = [float(r.get("x", 0)) for r in rects]
    start = max(set(starts), key=starts.count)  # the bars all start where the scale does
    return [float(r.get("width", 0)) for r in rects if float(r.get("x", 0)) == start]


def test_the_svg_bars_are_the_png_bars() -> None:
    for name, colours in (("check-results", 1), ("check-groups", 2), ("counts", 1)):
        drawn = drawn_named(name)
        for colour in palette.SERIES[:colours]:
            in_png = bar_lengths(drawn.png, colour)
            in_svg = [w * DPI / 72 for w in svg_bar_widths(drawn.svg, colour)]
            assert len(in_png) == len(in_svg) == len(drawn.chart.labels), name
            for png_px, svg_px in zip(in_png, in_svg, strict=True):
                assert abs(png_px - svg_px) <= 1.5, (name, png_px, svg_px)


def test_the_svg_writes_every_word_as_text(drawn: Drawn) -> None:
    root = ET.fromstring(drawn.svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == [w.text for w in scene(drawn.chart).words()]
    shown = " ".join(t or "" for t in texts)
    for label in drawn.chart.labels:
        if drawn.chart.small_multiples:
            continue  # the time labels, each check's number, are checked below
        assert all(part in shown for part in label.split()), label
    for series in drawn.chart.series:
        assert all(part in shown for part in series.name.split()), series.name
    assert not re.search(r"<path[^>]+\bid=", drawn.svg)  # no glyph outlines to refer to


def test_the_time_labels_and_latest_values_are_written() -> None:
    drawn = drawn_named("report-trend")
    texts = {t.text for t in ET.fromstring(drawn.svg).iter(f"{SVG}text")}
    assert set(drawn.chart.labels) <= texts
    assert {"2.4", "2.5", "1.4", "3.6"} <= texts


def test_the_line_box_is_the_bundled_fonts() -> None:
    """Words are placed by baseline from the height of "l" and the depth of "p"."""
    for bold in (False, True):
        font = ImageFont.truetype(str(font_file(bold)), size=1000)
        assert font.getbbox("l", anchor="ls")[1] == -round(ASCENT * 1000)
        assert font.getbbox("p", anchor="ls")[3] == round(DESCENT * 1000)


def test_drawing_loads_neither_matplotlib_nor_numpy() -> None:
    assert fresh_process()["loaded_by_drawing"] == []
