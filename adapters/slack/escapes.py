"""Slack's escaped text (`<@U1|sam>`, `<#C1|general>`, `<https://x|x>`, `&amp;`) → the core's.

With the manifest's `should_escape: true`, Slack sends people, channels and links in a slash
command as tokens, and always escapes `&`, `<` and `>`. The core reads a person as the token
`<@id|name>` (as the Teams adapter writes them too), a channel as `#name` and a link as what
the person typed (a link with other words as its text stays a token, shown inert); everything
else is the literal text that was typed."""

from __future__ import annotations

import re

from bot.model import Mention

_TOKEN = re.compile(r"<([^<>\n]{1,1000})>")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_SCHEME = re.compile(r"^(?:https?://|mailto:|tel:)", re.IGNORECASE)
_PERSON = re.compile(r"^@([UW][A-Z0-9]{2,})(?:\|(.*))?$")
_MENTIONED = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|([^<>]*))?>|<!([^<>|]+)(?:\|([^<>]*))?>")
_CHANNEL = re.compile(r"^#([CGD][A-Z0-9]{2,})(?:\|(.*))?$")


def _link(url: str, label: str) -> str:
    """What the person typed for a link: the address, or its text when that is the address.
    A link whose text is other words is kept as Slack wrote it, so no words hide an address."""
    if not label or label == url:
        return url
    if _SCHEME.sub("", url).rstrip("/").lower().startswith(label.rstrip("/").lower()):
        return label
    return f"<{url}|{label}>"


def _token(body: str) -> str:
    """One `<…>` token as the core reads it."""
    person = _PERSON.match(body)
    if person:
        name = _unescape(person.group(2) or "").strip()
        return f"<@{person.group(1)}|{name}>" if name else f"<@{person.group(1)}>"
    channel = _CHANNEL.match(body)
    if channel:
        return "#" + (_unescape(channel.group(2) or "").strip() or channel.group(1))
    if body.startswith("!"):  # <!here>, <!subteam^S1|@team>: kept, so no one can be named by it
        return f"<{body}>"
    url, _, label = body.partition("|")
    if _SCHEME.match(url):
        return _link(_unescape(url), _unescape(label))
    return "<" + _unescape(body) + ">"


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


def neutral(text: str) -> str:
    """Slack's escaped command text as the core reads it (see the module docstring)."""
    parts = _TOKEN.split(text)  # text, token, text, token, …, text
    return "".join(_token(p) if i % 2 else _unescape(p) for i, p in enumerate(parts))


def mentions(text: str) -> tuple[Mention, ...]:
    """The people `text` names (`<@U1|sam>`, `<@U1>`), in order, each with its token; a group
    or everyone (`<!here>`, `<!subteam^S1|@team>`) with no id, as no one person."""
    return tuple(
        Mention(m.group(1), (m.group(2) or "").strip(), m.group(0))
        if m.group(1)
        else Mention("", (m.group(4) or m.group(3)).strip(), m.group(0))
        for m in _MENTIONED.finditer(text)
    )
