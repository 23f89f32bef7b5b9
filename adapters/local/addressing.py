"""The local chat takes the ways people address the bot elsewhere, Teams' `<at>…</at>` too."""

from __future__ import annotations

import re

# A leading mention written as Teams writes it: the local chat reads it as `@coprod`.
_LEADING_AT = re.compile(r"^\s*<at[^>]*>[^<]*</at>\s*", re.IGNORECASE)


def as_typed(text: str) -> str:
    """`<at>coprod</at> principles` → `@coprod principles`; other text as it is."""
    found = _LEADING_AT.match(text)
    return "@coprod " + text[found.end() :] if found else text
