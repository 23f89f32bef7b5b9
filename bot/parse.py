"""Turn what people type into a command name and its arguments, however they addressed the bot."""

from __future__ import annotations

import difflib
import re

_PREFIX = re.compile(
    r"""^\s*(?:
        @coprod\b[:,]?\s*           # typed @mention
      | /coprod\b\s*                # slash command text
      | coprod\b[:,]?\s+            # "coprod help"
      | coprod\s*$
    )+""",
    re.IGNORECASE | re.VERBOSE,
)


def strip_address(text: str) -> str:
    """Remove leading bot mentions and the command word: `@coprod x` → `x`. Each adapter turns
    its platform's mention markup into text first (Teams: `events.py:without_bot_mention`)."""
    text = text.replace("\u00a0", " ").strip()
    return _PREFIX.sub("", text, count=1).strip()


def split_command(text: str) -> tuple[str, str]:
    """`"Principle 5 please"` → `("principle", "5 please")`."""
    text = strip_address(text)
    if not text:
        return "", ""
    head, _, rest = text.partition(" ")
    return head.lower(), rest.strip()


def addresses_bot(text: str) -> bool:
    """True when a message is written to the bot (`/coprod …`, `@coprod …`, `coprod …`)."""
    return strip_address(text) != text.replace("\u00a0", " ").strip()


def suggest(word: str, choices: list[str]) -> str | None:
    """The closest known command to a mistyped one, if any is close enough."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None
