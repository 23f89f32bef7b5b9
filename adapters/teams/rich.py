"""Card lines with `code` as RichTextBlocks: code in a Monospace TextRun, as typed.

Adaptive Card TextBlock markdown has bold, italic, lists and links, but no code: a backtick
shows as a backtick, and people copy it with the value. So a line with code becomes a
RichTextBlock whose runs are never read as markdown or markup: code is a Monospace run with
its real characters (placeholders such as `<id>` written by us included), bold is a Bolder run.
Untrusted characters (escaped by `bot.markup.plain`) stay inert: an untrusted `<` `>` (and,
outside code, `[` `]`) becomes its look-alike from `text.LOOKALIKE`, so nothing a person typed
can ever read as a tag or a link; every other character is shown as typed."""

from __future__ import annotations

import re
from typing import Any

from .text import LOOKALIKE

_ESCAPED = re.compile(r"\\([\\`*_~\[\]()<>#|!])")
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_RAW = re.compile("\x01(\\d+)\x01")
INERT = "<>[]"  # untrusted characters that could read as a tag or a link, outside code
CODE_INERT = "<>"  # and inside code


def has_code(line: str) -> bool:
    """Whether `line` holds code: a pair of backticks that are not escaped."""
    return "`" in line and bool(_CODE.search(_ESCAPED.sub("", line)))


def _runs(line: str) -> list[dict[str, Any]]:
    raw: list[str] = []

    def keep(m: re.Match[str]) -> str:
        raw.append(m.group(1))
        return f"\x01{len(raw) - 1}\x01"

    def real(text: str, *, code: bool) -> str:
        def back(m: re.Match[str]) -> str:
            ch = raw[int(m.group(1))]
            return LOOKALIKE[ch] if ch in (CODE_INERT if code else INERT) else ch

        return _RAW.sub(back, text)

    text = _ESCAPED.sub(keep, line)
    runs: list[dict[str, Any]] = []
    at = 0
    for m in _CODE.finditer(text):
        runs += _words(text[at : m.start()])
        runs.append(
            {"type": "TextRun", "text": real(m.group(1), code=True), "fontType": "Monospace"}
        )
        at = m.end()
    runs += _words(text[at:])
    for run in runs:  # untrusted characters back only now, so none can make a bold run
        if "fontType" not in run:
            run["text"] = real(run["text"], code=False)
    return runs


def _words(text: str) -> list[dict[str, Any]]:
    """Plain words, with **bold** as Bolder runs."""
    runs: list[dict[str, Any]] = []
    at = 0
    for m in _BOLD.finditer(text):
        if m.start() > at:
            runs.append({"type": "TextRun", "text": text[at : m.start()]})
        runs.append({"type": "TextRun", "text": m.group(1), "weight": "Bolder"})
        at = m.end()
    if at < len(text):
        runs.append({"type": "TextRun", "text": text[at:]})
    return runs


def rich_line(line: str, **extra: Any) -> dict[str, Any]:
    """One core line with code → a RichTextBlock (a list line keeps its "- " as "• ")."""
    if line.startswith("- "):
        line = "• " + line[2:]
    size = extra.pop("size", None)
    subtle = extra.pop("isSubtle", None)
    inlines = _runs(line)
    for run in inlines:
        if size:
            run["size"] = size
        if subtle:
            run["isSubtle"] = True
    return {"type": "RichTextBlock", "inlines": inlines, **extra}
