"""The small features' declarations: what each module of `bot/commands/` brings to a core."""

from __future__ import annotations

from ..feature import collect
from ..languages.aliases import welsh_words
from . import forget, help, language, principles, privacy, smalltalk, welcome

HELP = collect("help", help)
PRINCIPLES = collect("principles", principles)
LANGUAGE = collect("language", language, words=welsh_words())
FORGET = collect("forget", forget)
PRIVACY = collect("privacy", privacy)
WELCOME = collect("welcome", welcome)
SMALL_TALK = collect("small-talk", smalltalk, small_talk=(smalltalk.small_talk,))
