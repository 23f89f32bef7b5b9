"""Readable on a phone: every word at 12 pt or more in the bundled font, inside the picture,
and colours with enough contrast (WCAG AA) from a palette safe for colour-blind readers."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from bot.chart import Chart
from bot.charts import palette
from bot.charts.png import text_boxes
from bot.charts.render import scene
from bot.charts.style import DPI, NOTE_PT, font_file
from tests.charts.conftest import Drawn, drawn_named


@cache
def texts(chart: Chart) -> list[tuple[str, float, str, tuple[float, float, float, float]]]:
    """(words, size, font file, extent as a share of the picture) of every visible text, as
    the PNG paints it (FreeType's own measure of the ink)."""
    laid = scene(chart)
    width, height = laid.width * DPI, laid.height * DPI
    found = []
    for words, (x0, y0, x1, y1) in text_boxes(laid, DPI):
        if words.text:
            file = str(font_file(bold=words.bold))
            found.append(
                (words.text, words.pt, file, (x0 / width, y0 / height, x1 / width, y1 / height))
            )
    return found


def test_every_word_is_phone_sized_in_the_bundled_font(drawn: Drawn) -> None:
    found = texts(drawn.chart)
    assert len(found) > 5
    bundled = {str(font_file()), str(font_file(bold=True))}
    for words, size, file, _box in found:
        assert size >= NOTE_PT, words
        assert file in bundled, words


def test_no_word_runs_off_the_picture(drawn: Drawn) -> None:
    for words, _size, _file, (x0, y0, x1, y1) in texts(drawn.chart):
        assert 0 <= x0 and x1 <= 1 and 0 <= y0 and y1 <= 1, words


def test_long_labels_wrap_instead_of_running_off() -> None:
    chart = drawn_named("counts").chart
    label = "A very long reflection question that goes on " * 3
    long = replace(chart, labels=(label.strip(), *chart.labels[1:]))
    lines = [w for w, *_ in texts(long) if w in label]
    assert len(lines) >= 3
    assert " ".join(lines) == label.strip()
    test_no_word_runs_off_the_picture(Drawn(long, b"", ""))


def test_the_scale_words_are_on_the_picture() -> None:
    words = {w for w, *_ in texts(drawn_named("check-results").chart)}
    assert {"Not yet", "Starting", "Developing", "Embedded"} <= words


def test_marks_and_text_have_enough_contrast() -> None:
    for colour in palette.SERIES:
        assert palette.contrast(colour, palette.BACKGROUND) >= 3.0, colour  # WCAG 1.4.11
        assert palette.contrast(colour, palette.RANGE) >= 3.0, colour  # the spread line on a bar
    for colour in (palette.TEXT, palette.MUTED):
        assert palette.contrast(colour, palette.BACKGROUND) >= 4.5, colour  # WCAG 1.4.3


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(palette.contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(palette.contrast("#777777", "#FFFFFF"), 2) == 4.48
    assert palette.contrast("#0072B2", "#0072B2") == 1.0


def test_lines_on_one_plot_have_a_key_and_stay_inside() -> None:
    trend = drawn_named("report-trend").chart
    shared = replace(trend, small_multiples=False, series=trend.series[:3])
    found = texts(shared)
    words = {w for w, *_ in found}
    everything = " ".join(w for w, *_ in found)
    assert all(s.name in everything for s in shared.series)  # the key names every line
    assert {"2.4", "2.5", "1.4"} <= words  # each line's latest value
    values = [box for w, _s, _f, box in found if w in {"2.4", "2.5"}]
    (_, low_a, _, high_a), (_, low_b, _, high_b) = values
    assert high_a <= low_b or high_b <= low_a  # close values are written apart, not on top
    test_no_word_runs_off_the_picture(Drawn(shared, b"", ""))
