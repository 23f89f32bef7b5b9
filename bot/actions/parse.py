"""Reading `action add <text> [for @person] [by <date>] [p<1-8>]`: options at the end, in any
order; a `by …` that is not a date stays part of the text unless it looks like one. A person
mentioned is found by the text that stands for them (the event's `mentions`), not by markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import looks_like_date

_PRINCIPLE = re.compile(r"\s+(?:p|principle\s*)([1-8])\s*$", re.IGNORECASE)
_BAD_PRINCIPLE = re.compile(r"\s+p(\d+)\s*$", re.IGNORECASE)
_OWNER = re.compile(r"\s+for\s+(@\S+)\s*$", re.IGNORECASE)
_FOR = re.compile(r"\s+for\s+$", re.IGNORECASE)
_BY = re.compile(r"\s+(?:by|due)\s+", re.IGNORECASE)
MAX_DATE_WORDS = 4


@dataclass(frozen=True)
class Parts:
    text: str
    owner: str | None = None  # as typed
    due: str | None = None  # as typed
    principle: int | None = None
    bad_principle: str | None = None


def split_options(args: str, mentions: Sequence[str] = ()) -> Parts:
    """The text and its options; `mentions` are the texts standing for people it names."""
    text = " " + " ".join(args.split())
    owner = due = bad = None
    principle = None
    changed = True
    while changed:
        changed = False
        if principle is None and (m := _PRINCIPLE.search(text)):
            principle, text, changed = int(m[1]), text[: m.start()], True
            continue
        if principle is None and bad is None and (m := _BAD_PRINCIPLE.search(text)):
            bad, text, changed = m[1], text[: m.start()], True
            continue
        if owner is None and (found := _owner(text, mentions)):
            owner, text = found
            changed = True
            continue
        if due is None:
            found = _due(text)
            if found is not None:
                due, text = found
                changed = True
    return Parts(text.strip(), owner, due, principle, bad)


def _owner(text: str, mentions: Sequence[str]) -> tuple[str, str] | None:
    """(the owner as typed, the text before it), when the text ends with `for <person>`."""
    for mention in mentions:
        written = " ".join(mention.split())
        if written and text.endswith(written):
            before = _FOR.search(text[: -len(written)])
            if before is not None:
                return written, text[: before.start()]
    m = _OWNER.search(text)
    return (m[1], text[: m.start()]) if m else None


def _due(text: str) -> tuple[str, str] | None:
    """(the date as typed, the text before it), when the text ends with `by <date>`."""
    matches = list(_BY.finditer(text))
    for m in reversed(matches):
        candidate = text[m.end() :].strip()
        if not candidate or len(candidate.split()) > MAX_DATE_WORDS:
            return None
        if looks_like_date(candidate):
            return candidate, text[: m.start()]
    return None
