"""Acronym candidates in a message, and acronyms the message defines (Schwartz–Hearst style)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# 2–6 characters with at least two capitals: NHS, KPIs, ICB's, ToR, A&E, LGBTQ+, B2B. The
# pattern starts with a capital so the regex engine can skip to capitals; what may not come
# just before a candidate (part of a word, an email address, a path) is checked by hand.
CANDIDATE = re.compile(
    r"(?P<core>[A-Z][a-z]?[A-Z0-9&][A-Za-z0-9&+]{0,4}?)(?:s|'s|’s)?(?![\w&'’+-]|\.\w)"
)
_NOT_BEFORE = frozenset("_&'’.@/+-")
# The start of any candidate: a cheap test that lets most messages skip the full pattern.
_MAYBE = re.compile(r"[A-Z][a-z]?[A-Z0-9&]")
_SHORT = r"[A-Z][A-Za-z0-9&+]{1,6}?"
_PLURAL = r"(?:s|'s|’s)?"
# "Long Form (LF)": the short form alone in brackets.
_IN_BRACKETS = re.compile(rf"\(\s*(?P<short>{_SHORT}){_PLURAL}\s*\)")
# "LF (long form)", "LF – long form –", "LF = long form", "LF: long form".
_DEFINES = re.compile(
    rf"(?<![\w&])(?P<short>{_SHORT}){_PLURAL}"
    r"(?:\s*\((?P<bracket>[^()\n]{3,120})\)"
    r"|\s+[–—-]{1,2}\s+(?P<dash>[^–—\n]{3,120}?)\s*(?:[–—]|\s-|[,.;!?]|$)"
    r"|\s*(?:=|:)\s*(?P<equals>[^,.;:\n()]{3,120}))"
)
_WORDS = re.compile(r"\S+")


def plausible(core: str) -> bool:
    """At least two capitals and fewer lower-case letters than capitals, 2–6 characters."""
    if not 2 <= len(core) <= 6:
        return False
    upper = sum(map(str.isupper, core))
    return upper >= 2 and sum(map(str.islower, core)) < upper


def candidates(text: str) -> Iterator[tuple[str, int, int]]:
    """(acronym, start, end) for each plausible acronym; the span leaves out plural endings."""
    if _MAYBE.search(text) is None:
        return
    for m in CANDIDATE.finditer(text):
        start = m.start()
        if start:
            c = text[start - 1]
            if c.isalnum() or c in _NOT_BEFORE:
                continue
        core = m.group("core")
        if plausible(core):
            yield core, start, start + len(core)


def long_form(short: str, text: str) -> str | None:
    """The start of `text` that `short` abbreviates, by the Schwartz–Hearst rule: every letter
    and digit of `short` appears in order, reading backwards, and the first one starts a word."""
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return None
    low = text.lower()
    li = len(low) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (low[li] != c or (si == 0 and li > 0 and low[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start = low.rfind(" ", 0, li + 2) + 1
    found = text[start:].strip()
    return found if len(found) > len(short) else None


def _fits(short: str, words: list[str]) -> str | None:
    """Try the candidate long form, trimming words from the front as Schwartz–Hearst does."""
    limit = min(len(short) + 5, len(short) * 2)
    words = words[-limit:]
    if not words:
        return None
    return long_form(short, " ".join(words))


_MARKS = ("(", "=", ":", "–", "—", " -")


def definitions(text: str) -> set[str]:
    """Upper-cased short forms that `text` itself defines."""
    found: set[str] = set()
    if not any(mark in text for mark in _MARKS):  # every way of defining needs one of these
        return found
    for m in _IN_BRACKETS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        words = _WORDS.findall(text[line_start : m.start()])
        if _fits(m.group("short"), words):
            found.add(m.group("short").upper())
    for m in _DEFINES.finditer(text):
        short = m.group("short")
        body = m.group("bracket") or m.group("dash") or m.group("equals") or ""
        words = _WORDS.findall(body)
        if words and len(words) <= len(short) * 2 + 3 and long_form(short, body) is not None:
            found.add(short.upper())
    return found
