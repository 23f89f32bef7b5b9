"""Property tests: any text is safe to scan, and every finding points at its own word."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.jargon import Lexicon, scan
from bot.jargon.lexicon import fold
from bot.prompts import load_shipped

LISTS = load_shipped().jargon
SOME_TERMS = [*sorted({t.term for t in LISTS.terms})[:120], "KPIs", "ICB's", "ToR", "NHS"]
# Terms that are jargon wherever they appear (no literal-sense rules).
ALWAYS = sorted(t.term for t in LISTS.terms if not t.literal)
PIECES = st.sampled_from(
    [
        *SOME_TERMS,
        " ",
        "  ",
        "\n",
        ", ",
        ". ",
        "'",
        '"',
        "`",
        "(",
        ")",
        " – ",
        "<@U1>",
        "<#C1|x>",
        ":",
        "#",
        "@",
        "£",
        "10:30",
        "CH1 4BJ",
        "IV",
        "ing",
        "s",
        "-",
        "’",
        "İ",
        "ß",
    ]
)
MESSAGES = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, lexicon: Lexicon) -> None:
    findings = scan(text, lexicon)
    last_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= last_end, "findings are in order and never overlap"
        last_end = f.end
        word = text[f.start : f.end]
        if f.kind == "jargon":
            assert fold(word) in lexicon.forms[f.term], (word, f.term)
            assert f.suggestions
        else:
            assert word == f.term


@FAST
@given(MESSAGES)
def test_any_text_scans_without_error_and_spans_match(text: str) -> None:
    from bot.jargon import compiled

    _check(text, compiled(LISTS))


@FAST
@given(st.lists(st.sampled_from(ALWAYS), min_size=1, max_size=6), st.sampled_from([", ", " and "]))
def test_listed_terms_in_plain_prose_are_found(words: list[str], glue: str) -> None:
    from bot.jargon import compiled

    text = "We said " + glue.join(words) + " today"
    found = scan(text, compiled(LISTS))
    _check(text, compiled(LISTS))
    assert found, text
