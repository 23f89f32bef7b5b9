"""Word endings for the plain-words lists, from the language's own rules (`language.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=64)
def _pattern(ending: str) -> re.Pattern[str]:
    return re.compile(f"(?:{ending})$")


def endings(word: str, language: Mapping[str, Any]) -> set[str]:
    """`leverage` → {leverage, leverages, leveraged, leveraging} with the English rules: the
    first rule whose `ending` fits the word gives its forms. Irregular forms belong in the
    list's `forms`; a spare form that nobody types does no harm."""
    if len(word) < int(language.get("shortest", 3)):
        return {word}
    rules: Sequence[Mapping[str, Any]] = language.get("endings", ())
    for rule in rules:
        found = _pattern(rule.get("ending", "")).search(word)
        if found is None:
            continue
        stem = word[: found.start()]
        return {word} | {(word if form[0] == "+" else stem) + form[1:] for form in rule["forms"]}
    return {word}


def forms_of(entry: Mapping[str, Any], language: Mapping[str, Any]) -> set[str]:
    """Every lower-case form of a rule: its term, its listed forms and, when it asks, the
    endings of one of its words (`head`: the first or the last)."""
    forms = {entry["term"], *entry.get("forms", ())}
    if entry.get("inflect"):
        words = entry["term"].split(" ")
        at = 0 if entry.get("head") == "first" else len(words) - 1
        for ending in endings(words[at], language):
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
