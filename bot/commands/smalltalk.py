"""Small talk: a greeting or a thank-you gets a short friendly answer, not "unknown command";
"what is co-production?" gets the framework's own definition."""

from __future__ import annotations

from ..context import Context
from ..model import Reply
from ..prompts.framework import definition, normalise

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


def _without_follower(words: str) -> str:
    """`hi there`, `thanks coprod` → `hi`, `thanks`."""
    head, _, last = words.rpartition(" ")
    return head if head and last in _FOLLOWERS else words


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
