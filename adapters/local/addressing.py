"""The local chat takes the ways people address the bot elsewhere, Teams' `<at>…</at>` too,
and names people as `@name`."""

from __future__ import annotations

import re

from bot.model import Mention

# A leading mention written as Teams writes it: the local chat reads it as `@coprod`.
_LEADING_AT = re.compile(r"^\s*<at[^>]*>[^<]*</at>\s*", re.IGNORECASE)
# A person is written `@name`; the name is their id here (`platform.py`).
_PERSON = re.compile(r"(?<![\w&@])@([\w.-]{1,64})")


def as_typed(text: str) -> str:
    """`<at>coprod</at> principles` → `@coprod principles`; other text as it is."""
    found = _LEADING_AT.match(text)
    return "@coprod " + text[found.end() :] if found else text


def mentions(text: str) -> tuple[Mention, ...]:
    """The people `text` names as `@name`, in order (the name is the id in the local chat)."""
    return tuple(Mention(m.group(1), m.group(1), m.group(0)) for m in _PERSON.finditer(text))
