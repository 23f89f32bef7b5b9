"""The core's markdown subset → Slack mrkdwn, with every mention, link and markup made inert."""

from __future__ import annotations

import re

from bot.markup import unescape

# Characters `bot.markup.plain()` escapes with a backslash. Slack mrkdwn has no escape for
# formatting characters, so escaped ones become look-alikes that can never format anything.
_INERT = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
_ESCAPED = re.compile(r"\\([\\`*_~\[\]()<>#|!])")
_CODE = re.compile(r"`([^`\n]+)`")
_RAW = re.compile("\x01(\\d+)\x01")  # an escaped character, until we know if it is in code
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HELD = re.compile("\x00(\\d+)\x00")


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control sequences: `& < >`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_text(text: str) -> str:
    """Text for a `plain_text` object: backslash escapes undone, `& < >` escaped."""
    return escape(unescape(text))


def _inert(ch: str) -> str:
    return _INERT.get(ch, escape(ch))


def mrkdwn(text: str) -> str:
    """Convert the core's markdown (**bold**, _italic_, `code`, "- " lists) to Slack mrkdwn.

    Escaped characters (from `plain()`) stay literal and inert; `& < >` are escaped everywhere,
    so `<!channel>`, `<@U…>` or `<https://x|y>` can never become a ping or a live link. In
    `code` (values, ids, commands, which Slack never formats) every character is the real one,
    so what people copy is what the bot accepts; only a backtick, which would end the code,
    becomes a look-alike."""
    held: list[str] = []
    raw: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    def keep(ch: str) -> str:
        raw.append(ch)
        return f"\x01{len(raw) - 1}\x01"

    def code(m: re.Match[str]) -> str:
        value = _RAW.sub(lambda r: raw[int(r.group(1))], m.group(1))
        return hold(f"`{escape(value.replace('`', _INERT['`']))}`")

    # Each pass runs only when the text holds what it looks for (a pass that finds nothing
    # changes nothing): most card text is words, and this runs for every line of every card.
    if "\\" in text:
        text = _ESCAPED.sub(lambda m: keep(m.group(1)), text)
    if "`" in text:
        text = _CODE.sub(code, text)
    if raw:
        text = _RAW.sub(lambda m: hold(_inert(raw[int(m.group(1))])), text)
    text = escape(text)
    if "**" in text:
        text = _BOLD.sub(lambda m: hold(f"*{m.group(1).replace('*', _INERT['*'])}*"), text)
    # What is left of `*` and `~` is not the core's markup: never let Slack format with it.
    text = text.replace("*", _INERT["*"]).replace("~", _INERT["~"])
    if "- " in text:
        text = "\n".join(
            "• " + line[2:] if line.startswith("- ") else line for line in text.split("\n")
        )
    for _ in range(3):  # held values may contain held values
        if "\x00" not in text:
            break
        text = _HELD.sub(lambda m: held[int(m.group(1))], text)
    return text


def cut(text: str, limit: int) -> str:
    """Shorten escaped text to `limit` characters with "…", never splitting an `&…;` entity."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:]:
        head = head[:amp]
    return head.rstrip() + "…"
