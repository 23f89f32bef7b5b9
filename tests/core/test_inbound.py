"""The one edge-cleaning function: what it removes, what it keeps, and deep nesting refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.inbound import MAX_DEPTH, Hostile, clean, clean_all, loads


def test_lone_surrogates_become_a_replacement_character() -> None:
    assert clean("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert clean("a\ud800b").encode("utf-8")


def test_control_characters_go_but_tabs_and_newlines_stay() -> None:
    assert clean("a\x00b\x07c\x1b[31md\x7f\x85e") == "abc[31mde"
    assert clean("one\ttwo\nthree\r\nfour\rfive") == "one\ttwo\nthree\nfour\nfive"


def test_invisible_characters_stay_unless_echoed() -> None:
    disguised = "ad\u202emin\u200b"
    assert clean(disguised) == disguised
    assert clean(disguised, echo=True) == "admin"


def test_ordinary_text_of_any_script_is_unchanged() -> None:
    for text in ("Zoë", "Ysgol Gymraeg", "مرحبا", "👩\u200d👩\u200d👧", "日本語", "a\u200cb"):
        assert clean(text) == text


def test_every_string_in_a_payload_is_cleaned_keys_too() -> None:
    data = {"te\x00xt": ["\ud800", {"name": "x\x01"}], "n": 1, "b": None}
    assert clean_all(data) == {"text": ["\ufffd", {"name": "x"}], "n": 1, "b": None}


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deep_nesting_is_refused_not_a_recursion_error(opening: str) -> None:
    for depth in (MAX_DEPTH + 1, 5000, 200_000):
        closing = "]" if opening == "[" else "}"
        with pytest.raises(Hostile):
            loads(opening * depth + "1" + closing * depth)
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = "[" * 500
    assert loads(json.dumps({"text": text})) == {"text": text}


def test_broken_json_and_bytes_that_are_not_utf8_are_hostile() -> None:
    for raw in (b"\xff\xfe", b"{", "nope", b""):
        with pytest.raises(Hostile):
            loads(raw)


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_anything_cleaned_encodes_as_utf8(value: object) -> None:
    try:
        cleaned = clean_all(value)
    except Hostile:
        return
    json.dumps(cleaned, ensure_ascii=False).encode("utf-8")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_JSON, st.booleans())
def test_loads_cleans_every_string_whichever_way_it_is_written(value: object, ascii: bool) -> None:
    """`loads` skips the walk when the text shows nothing to clean; it must give the same as
    cleaning every string, whether the JSON spells characters as escapes or as themselves."""
    try:
        expected = clean_all(value)
    except Hostile:
        return
    try:
        text = json.dumps(value, ensure_ascii=ascii)
    except UnicodeEncodeError:
        return
    assert loads(text) == expected


_ODD_JSON = st.sampled_from(
    ["NaN", "-Infinity", "1e400", "-1e400", str(2**70), str(-(2**64)), '"\\ud800"', '"\\udfff x"']
)


@given(
    st.recursive(
        _JSON | _ODD_JSON.map(json.loads) | st.floats() | st.integers(-(2**80), 2**80),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4)
        ),
        max_leaves=10,
    ),
    st.booleans(),
)
def test_loads_reads_what_the_standard_library_reads(value: object, ascii: bool) -> None:
    """msgspec reads most bodies; what it refuses (NaN, numbers past a double, lone
    surrogates) is read by `json` itself, so every body reads as `json.loads` reads it: the
    same values of the same types (orjson, tried first, read integers past 64 bits as floats)."""
    try:
        text = json.dumps(value, ensure_ascii=ascii)
    except UnicodeEncodeError:
        return
    try:
        expected = clean_all(json.loads(text))
    except Hostile:
        return
    got = loads(text)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert _types(got) == _types(expected)


def _types(value: object) -> object:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def test_duplicate_keys_keep_the_last_as_the_standard_library_does() -> None:
    assert loads('{"a": 1, "a": 2}') == {"a": 2}
    assert loads(b'{"x": [NaN, 1e400]}')["x"][1] == float("inf")


def test_escaped_control_characters_and_surrogates_are_cleaned() -> None:
    assert loads(r'{"t\u0000x": "a\u0007\ud800\r\nb", "u": "\\u0000"}') == {
        "tx": "a\ufffd\nb",
        "u": "\\u0000",
    }
