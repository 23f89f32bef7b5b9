"""Reflection kinds: a question that starts with a question word is open (`talk`), else `vote`."""

from __future__ import annotations

import re

from .models import Answer

# Words that open a question nobody can answer Yes, Partly or No.
QUESTION_WORDS = ("what", "who", "whose", "whom", "how", "which", "when", "where", "why")
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def first_word(text: str) -> str:
    """The first word of `text`, lower case ("" when there is none)."""
    found = _FIRST_WORD.search(text)
    return found.group(0).lower() if found else ""


def plainly_open(text: str) -> bool:
    """True when `text` starts with a question word ("What…", "Who…", "How…")."""
    word = first_word(text)
    return word in QUESTION_WORDS or word.split("'")[0] in QUESTION_WORDS


def default_kind(text: str) -> Answer:
    """The kind a reflection question gets when nobody said: `talk` for a plainly open
    question, `vote` for the rest."""
    return "talk" if plainly_open(text) else "vote"
