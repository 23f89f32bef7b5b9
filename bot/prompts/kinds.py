"""Reflection kinds: a question that starts with a question word is open (`talk`), else `vote`."""

from __future__ import annotations

import re
from typing import Literal

Answer = Literal["vote", "talk"]
ANSWERS: tuple[Answer, ...] = ("vote", "talk")

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


def open_vote_problem(text: str) -> str | None:
    """Why `text` cannot be a vote question (for check-prompts and the pack loader), or None."""
    if not plainly_open(text):
        return None
    word = first_word(text).capitalize()
    return (
        f"a vote question is answered Yes, Partly or No, but this one starts with {word!r} "
        "and is open. Reword it as a yes/no question (for example 'Did everyone get a fair "
        "chance to speak?'), or set 'kind: talk' so the team answers it in the thread"
    )


def default_kind(text: str) -> Answer:
    """The kind a reflection question gets when nobody said: `talk` for a plainly open
    question, `vote` for the rest."""
    return "talk" if plainly_open(text) else "vote"
