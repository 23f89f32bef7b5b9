"""Small talk: a greeting or a thank-you gets a short friendly answer, not "unknown command";
"what is co-production?" gets the framework's own definition."""

from __future__ import annotations

import re

from ..context import Context
from ..model import Reply
from .principles import attribution

GREETINGS = frozenset(
    {
        "hello",
        "hi",
        "hey",
        "hiya",
        "hallo",
        "howdy",
        "good morning",
        "good afternoon",
        "good evening",
        "morning",
    }
)
THANKS = frozenset(
    {
        "thanks",
        "thank you",
        "thankyou",
        "thanks a lot",
        "thanks very much",
        "thank you very much",
        "thank you so much",
        "many thanks",
        "cheers",
        "ta",
        "thx",
        "ty",
    }
)
_QUESTIONS = (
    "what is coproduction",
    "whats coproduction",
    "what does coproduction mean",
    "what is meant by coproduction",
    "define coproduction",
    "coproduction",
)
_FOLLOWERS = ("there", "all", "everyone", "coprod", "bot")
_CO_PRODUCTION = re.compile(r"\bco[\s\-‐‑–]*production\b")


def normalise(text: str) -> str:
    """Lower case, co-production spelt one way, punctuation and emoji gone, spaces single."""
    text = _CO_PRODUCTION.sub("coproduction", text.lower().replace("’", "'"))
    text = text.replace("'", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _without_follower(words: str) -> str:
    """`hi there`, `thanks coprod` → `hi`, `thanks`."""
    head, _, last = words.rpartition(" ")
    return head if head and last in _FOLLOWERS else words


def is_about_coproduction(term: str) -> bool:
    """`co-production`, `coproduction`, `Co production?` (the word itself, for `explain`)."""
    return normalise(term) == "coproduction"


def definition(ctx: Context) -> Reply:
    """The framework's definition of co-production, quoted word for word, with attribution."""
    text = ctx.say("coproduction.definition", definition=ctx.pack.definition)
    return ctx.reply(text + "\n" + attribution(ctx), private=True)


def small_talk(ctx: Context, text: str) -> list[Reply]:
    """A reply when `text` is a greeting, a thank-you or "what is co-production?"; else []."""
    words = normalise(text)
    if not words:
        return []
    if words in _QUESTIONS or words.removeprefix("so ") in _QUESTIONS:
        return [definition(ctx)]
    bare = _without_follower(words)
    if bare in GREETINGS:
        return [ctx.reply(ctx.say("smalltalk.hello"), private=True)]
    if bare in THANKS:
        return [ctx.reply(ctx.say("smalltalk.thanks"), private=True)]
    return []
