"""The framework's attribution and definition of co-production, shared by the features."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import Reply
    from .pack import PromptPack


class Speaking(Protocol):
    """What quoting the framework needs of a handler's context (`bot.context.Context`)."""

    @property
    def pack(self) -> PromptPack: ...
    def say(self, message_id: str, /, **values: object) -> str: ...
    def reply(self, text: str = "", *, private: bool = False) -> Reply: ...


_CO_PRODUCTION = re.compile(r"\bco[\s\-‐‑–]*production\b")


def attribution(ctx: Speaking) -> str:
    """The source of the principles (title, authors, publisher, date), in the current locale."""
    src = ctx.pack.source
    return ctx.say(
        "principles.attribution",
        title=src.title,
        authors=src.authors,
        publisher=src.publisher,
        date=src.date,
    )


def normalise(text: str) -> str:
    """Lower case, co-production spelt one way, punctuation and emoji gone, spaces single."""
    text = _CO_PRODUCTION.sub("coproduction", text.lower().replace("’", "'"))
    text = text.replace("'", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def is_about_coproduction(term: str) -> bool:
    """`co-production`, `coproduction`, `Co production?` (the word itself, for `explain`)."""
    return normalise(term) == "coproduction"


def definition(ctx: Speaking) -> Reply:
    """The framework's definition of co-production, quoted word for word, with attribution."""
    text = ctx.say("coproduction.definition", definition=ctx.pack.definition)
    return ctx.reply(text + "\n" + attribution(ctx), private=True)
