"""One document's JSON, checked before any store changes: bad text fails that write alone."""

from __future__ import annotations

from typing import Any

import orjson

from .base import BadDocument


def encode(value: Any) -> bytes:
    """`value` as JSON bytes, or BadDocument when no store can keep it: text with a lone
    surrogate is not Unicode, and PostgreSQL cannot hold a NUL character, so neither store
    takes them. The caller has changed nothing yet, so later writes are unaffected."""
    try:
        data = orjson.dumps(value)
    except orjson.JSONEncodeError as exc:
        raise BadDocument(f"Document not saved: {exc}.") from None
    if b"\\u0000" in data and _has_nul(value):
        raise BadDocument("Document not saved: it contains a NUL character.")
    return data


def check_name(*names: str) -> None:
    """A table name or key is stored as text: the same rule as for a document's text."""
    for name in names:
        if not storable(name):
            raise BadDocument("Document not saved: its table or key is not valid text.")


def storable(text: str) -> bool:
    """True when `text` can be a stored key or table name (so it may match something)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False
