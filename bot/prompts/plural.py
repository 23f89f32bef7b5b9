"""Count-aware words in messages: `{count} {count:check|checks}` picks the form for the number.

A message writes a plural choice as a placeholder with the forms after a colon. Two forms are
read as "one" and "other"; forms can also be named by their CLDR plural category, which
languages with more forms need: `{count:zero=…|one=…|two=…|few=…|many=…|other=…}`. A choice
whose value is not a whole number keeps the "other" form."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_CHOICE = re.compile(r"\{(\w+):([^{}]*\|[^{}]*)\}")


def _english(n: int) -> str:
    return "one" if n == 1 else "other"


def _welsh(n: int) -> str:
    return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")


RULES: dict[str, Callable[[int], str]] = {"en": _english, "cy": _welsh}


def category(n: int, locale: str = "en") -> str:
    """The CLDR plural category of `n` in `locale` (English rules for unknown locales)."""
    rule = RULES.get(locale.split("-")[0], _english)
    return rule(abs(n))


def forms(spec: str) -> dict[str, str]:
    """`check|checks` → {"one": "check", "other": "checks"}; `one=a|other=b` by name."""
    parts = spec.split("|")
    named = [p.partition("=") for p in parts]
    if all(sep and name.strip() in CATEGORIES for name, sep, _ in named):
        return {name.strip(): text for name, _, text in named}
    if len(parts) == 2:
        return {"one": parts[0], "other": parts[1]}
    return {"other": parts[-1]}


def choose(text: str, values: Mapping[str, object], locale: str = "en") -> str:
    """Replace each plural choice in `text` by the form its value needs."""
    if "|" not in text:
        return text

    def pick(m: re.Match[str]) -> str:
        value = values.get(m.group(1))
        options = forms(m.group(2))
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value))
            except ValueError:
                return options.get("other", "")
        return options.get(category(value, locale), options.get("other", ""))

    return _CHOICE.sub(pick, text)
