"""Teams text: the core's markdown subset as card markdown (`inline`) or plain text.

Untrusted text arrives escaped by `bot.markup.plain()` (a backslash before each markdown
character). Adaptive Cards and Teams messages have no escape syntax, so each escaped character
that could start formatting, a link or markup is replaced by a look-alike that never does:
`*` → `∗`, `_` → `＿`, `[` → `［`, `]` → `］`, `<` → `﹤`, `>` → `﹥`. Everything else is shown as
typed. Inside `code` (values, ids, commands, CSV) characters are never rewritten, so what people
copy is what the bot accepts (only a backtick, the `](` of a would-be link, and an untrusted
`<` `>` are). Card lines with code are RichTextBlocks (`rich.py`). No mention
entities are ever added, so `<at>` text can never ping anyone."""

from __future__ import annotations

import re

LOOKALIKE = {"*": "∗", "_": "＿", "[": "［", "]": "］", "<": "﹤", ">": "﹥"}
_ESCAPED = re.compile(r"\\([\\`*_~\[\]()<>#|!])")
_CODE = re.compile(r"`([^`]+)`")
_HELD = re.compile("\x00(\\d+)\x00")


def _literal(text: str) -> bool:
    """No escapes, no code and no placeholders: the text needs no rewriting (the common case,
    checked first because every line of every card passes through here)."""
    return "\\" not in text and "`" not in text and "\x00" not in text and "\x01" not in text


def _inert(text: str) -> str:
    """Literal text: characters that could start markup become look-alikes."""
    return "".join(LOOKALIKE.get(ch, ch) for ch in text)


_RAW = re.compile("\x01(\\d+)\x01")  # an escaped character, until we know if it is in code


def inline(text: str) -> str:
    """The core's markdown subset → Teams markdown. **bold** and _italic_ carry over; `code`
    (values, ids, commands, CSV) stays code, every character the real one, so what people copy
    is what the bot accepts; escaped (untrusted) characters elsewhere become look-alikes."""
    if _literal(text):
        return text
    held: list[str] = []
    raw: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    def keep(ch: str) -> str:
        raw.append(ch)
        return f"\x01{len(raw) - 1}\x01"

    def untrusted(r: re.Match[str]) -> str:
        ch = raw[int(r.group(1))]
        return LOOKALIKE[ch] if ch in "<>" else ch

    def code(m: re.Match[str]) -> str:
        # A backtick would end the code; `](` could make a link where code is not supported;
        # an untrusted `<` `>` stays a look-alike, so nothing typed can read as a tag. Our
        # own placeholders (`<id>`) keep their real brackets: code shows them as written.
        value = _RAW.sub(untrusted, _restore(m.group(1), held))
        value = value.replace("`", "ˋ").replace("](", "］(")
        return hold("`" + value + "`")

    text = _ESCAPED.sub(lambda m: keep(m.group(1)), text)
    text = _CODE.sub(code, text)
    text = _RAW.sub(lambda m: hold(_inert(raw[int(m.group(1))])), text)
    return _restore(text, held)


def _restore(text: str, held: list[str]) -> str:
    return _HELD.sub(lambda m: held[int(m.group(1))], text)


def plain_text(text: str, *, inert: bool = False) -> str:
    """For places Teams shows as plain text (button titles, labels, notifications). With
    `inert`, escaped characters become look-alikes, for text that some clients read as
    markdown (a card's fallbackText)."""
    if _literal(text):
        return text.replace("**", "")
    held: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    text = _ESCAPED.sub(lambda m: hold(_inert(m.group(1)) if inert else m.group(1)), text)
    return _restore(_CODE.sub(r"\1", text).replace("**", ""), held)
