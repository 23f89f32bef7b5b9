"""Welsh command words, accepted beside the English ones (help and menus show English)."""

from __future__ import annotations

# Welsh word -> the English command it stands for.
WELSH: dict[str, str] = {
    "cymorth": "help",
    "egwyddorion": "principles",
    "egwyddor": "principle",
    "gwirio": "check",
    "adroddiad": "report",
    "preifatrwydd": "privacy",
    "anghofio": "forget",
    "iaith": "language",
    "esbonio": "explain",
    "geirfa": "glossary",
    "hwb": "nudges",
    "procio": "nudges",
    "gweinyddu": "admin",
    "cyfarfod": "meeting",
    "gweithredu": "actions",
    "myfyrio": "reflect",
}
# `forget me` in Welsh.
FORGET_ME = ("me", "fi")
# `forget me confirm` (the erasing step), in English and Welsh.
CONFIRM = ("confirm", "yes", "cadarnhau", "ie")


def welsh_words() -> tuple[tuple[str, str], ...]:
    """The Welsh words as (word, command) pairs for a feature to bring. A word that names an
    English command, or that another command already uses, is left alone; a word for a command
    that does not exist does nothing (the registry sees to both)."""
    return tuple((welsh, english) for welsh, english in WELSH.items() if welsh != english)
