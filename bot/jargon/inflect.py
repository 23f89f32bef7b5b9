"""Regular English endings (-s, -ed, -ing) for the words of the plain-words list."""

from __future__ import annotations

from ..prompts.wordlists import Term

_VOWELS = "aeiou"


def endings(word: str) -> set[str]:
    """`leverage` → {leverage, leverages, leveraged, leveraging}. Irregular forms belong in
    the list's `forms`; a spare form that nobody types does no harm."""
    if len(word) < 3 or not word[-1].isalpha():
        return {word}
    if word.endswith(("ee", "ye", "oe")):
        return {word, word + "s", word + "d", word + "ing"}
    if word.endswith("e"):
        return {word, word + "s", word + "d", word[:-1] + "ing"}
    if word.endswith("y") and word[-2] not in _VOWELS:
        return {word, word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word, word + "es", word + "ed", word + "ing"}
    return {word, word + "s", word + "ed", word + "ing"}


def forms_of(entry: Term) -> set[str]:
    """Every lower-case form of a term: itself, its listed forms and, when asked, its endings."""
    forms = {entry.term, *entry.forms}
    if entry.inflect:
        words = entry.term.split(" ")
        at = 0 if entry.head == "first" else len(words) - 1
        for ending in endings(words[at]):
            forms.add(" ".join([*words[:at], ending, *words[at + 1 :]]))
    return forms


def spellings(form: str) -> set[str]:
    """A phrase typed with spaces or with hyphens: "hard to reach" and "hard-to-reach"."""
    out = {form}
    if " " in form:
        out.add(form.replace(" ", "-"))
    if "-" in form:
        out.add(form.replace("-", " "))
    return out
