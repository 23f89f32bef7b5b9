"""Text from outside, made safe at the edge: the one cleaning function every adapter calls.

Every adapter passes every string it receives (message text, names, ids, button values, keys)
through `clean` before anything reaches the core or the store. A lone surrogate (`"\\ud800"`,
a legal JSON escape) cannot be encoded as UTF-8, so one of them in the store would make every
later save fail; control characters have no place in chat text. Both are replaced or removed
here, once. `clean(text, echo=True)` also strips the zero-width and bidirectional controls that
can disguise text, for anything the bot repeats back to people.

`loads` reads a JSON body with a bound on its nesting (a deeply nested body is refused, never a
`RecursionError`) and cleans every string in it, keys included. msgspec reads it, or the
standard library where msgspec refuses it, so what is accepted, and as what, is the standard
library's (orjson would not do: it reads an integer past 64 bits as a float). `clean_all`
cleans values parsed some other way (form fields, query strings)."""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

MAX_DEPTH = 64  # far deeper than any Slack, Teams or local-chat payload nests

# Lone surrogates (a valid pair is already one code point once decoded), and the C0/C1
# control characters other than tab and newline.
_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width and bidirectional controls (and the soft hyphen): invisible, able to disguise
# text. Kept in what is stored (a joiner belongs in some emoji and scripts), stripped from echoes.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_SURROGATE = "\ufffd"
_ESCAPES = re.compile(r"\\[ubfr]")  # JSON escapes that can spell what `clean` removes
_DECODE = msgspec.json.Decoder().decode


class Hostile(ValueError):
    """A body that is not JSON we will read (broken, or nested too deeply); says which."""


def _replace(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\r":
        return "\n"
    return _SURROGATE if "\ud800" <= ch <= "\udfff" else ""


def clean(text: str, *, echo: bool = False) -> str:
    """`text` safe to store: lone surrogates become U+FFFD, control characters other than tab
    and newline go (a carriage return becomes a newline). With `echo`, zero-width and bidi
    controls go too, for text shown back to people."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    text = _UNSAFE.sub(_replace, text)
    return _INVISIBLE.sub("", text) if echo else text


def clean_all(value: Any) -> Any:
    """`value` (JSON-like: dicts, lists, strings…) with every string in it cleaned, keys too.
    Raise Hostile when it nests deeper than MAX_DEPTH."""
    return _walk(value, 0)


def _walk(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return clean(value)
    if depth >= MAX_DEPTH and isinstance(value, dict | list):
        raise Hostile(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        return {
            (clean(k) if isinstance(k, str) else k): _walk(v, depth + 1) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_walk(v, depth + 1) for v in value]
    return value


def _depth_ok(raw: str) -> bool:
    """Whether the brackets outside strings in `raw` never nest deeper than MAX_DEPTH, checked
    before parsing so the parser itself never recurses too far."""
    depth = 0
    outside = re.sub(r'"(?:[^"\\]|\\.)*"', '""', raw)
    for ch in outside:
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def loads(raw: str | bytes, *, cleaned: bool = True) -> Any:
    """A JSON body, parsed and cleaned (`cleaned=False`: parsed only, for a caller that first
    refuses what it would not take, then cleans with `clean_all`). Raise Hostile when it is not
    JSON (or not UTF-8) or nests deeper than MAX_DEPTH."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise Hostile("not UTF-8") from None
    if text.count("[") + text.count("{") > MAX_DEPTH and not _depth_ok(text):
        raise Hostile(f"nested more than {MAX_DEPTH} levels deep")
    try:
        data = _DECODE(text)  # a third of json's time, integers of any size included
    except (msgspec.DecodeError, UnicodeEncodeError):  # NaN, 1e400, lone surrogates
        data = _stdlib_loads(text)
    if not cleaned or _already_clean(text):
        return data
    return clean_all(data)


def _stdlib_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise Hostile(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:
        raise Hostile("not valid JSON") from None


def _already_clean(text: str) -> bool:
    """True when no string parsed from the JSON `text` can hold anything `clean` changes: the
    text itself has none of it, and no escape that could make some (\\u, \\r, \\b, \\f). Most
    bodies, so most are not walked string by string."""
    return _UNSAFE.search(text) is None and _ESCAPES.search(text) is None
