"""The locales the bot speaks, and which one the current reply is being written in.

`en` is `prompts/` itself; `cy` (Welsh) and `en-easy` (easy read) overlay it from
`prompts/locales/<locale>/`. The locale being written in is a context variable, so every
`say()` on the way (cards, fallbacks, dates) follows it without being passed a parameter:
`with speaking("cy"): ...`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

EN = "en"
CY = "cy"
EASY = "en-easy"
LOCALES: tuple[str, ...] = (EN, CY, EASY)

_current: ContextVar[str] = ContextVar("coprod_locale", default=EN)


def current_locale() -> str:
    """The locale of the reply being written now (`en` unless someone chose otherwise)."""
    return _current.get()


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Write everything inside in `locale` (an unknown locale means `en`)."""
    token = _current.set(locale if locale in LOCALES else EN)
    try:
        yield
    finally:
        _current.reset(token)


def from_platform(tag: str | None) -> str | None:
    """A platform's language tag (`cy-GB`, `en_US`, `en`) as one of our locales; None when the
    platform names no language we write in."""
    if not tag:
        return None
    primary = tag.replace("_", "-").split("-")[0].strip().lower()
    return {"cy": CY, "en": EN}.get(primary)
