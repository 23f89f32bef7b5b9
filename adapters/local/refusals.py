"""What the local chat accepts as a name or channel, and why it refuses a request.

Names are written as people write them: accents, apostrophes, spaces, any script, emoji. Only
characters nobody can see (control and formatting characters, apart from the joiners inside
emoji and some scripts) are refused. Every refusal is a sentence from `prompts/messages`
(`local.refused.*`): no validator's own words ever reach a person."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from bot.prompts import PromptPack

NAME_LIMIT = 64
CHANNEL_LIMIT = 64
TEXT_LIMIT = 4000
_JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner: emoji sequences, scripts
_CHANNEL = re.compile(r"[\w .-]+")
EXAMPLE_BODY = '{"user": "alex", "channel": "general", "text": "/coprod help"}'
EXAMPLE_QUERY = "/local/messages?user=alex&channel=general&after=0"

# A field's own refusal, for whatever a validator found wrong with it.
_BY_FIELD = {
    "user": "local.refused.name_missing",
    "channel": "local.refused.channel",
    "text": "local.refused.text_missing",
    "direct": "local.refused.direct",
    "thread": "local.refused.thread",
    "action_id": "local.refused.action",
    "value": "local.refused.action",
}


def _refuse(kind: str, **values: Any) -> PydanticCustomError:
    return PydanticCustomError(f"local.refused.{kind}", kind, values)


def person_name(value: str) -> str:
    """A name as typed, tidied (NFC, spaces collapsed), or a refusal."""
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not name:
        raise _refuse("name_missing")
    if len(name) > NAME_LIMIT:
        raise _refuse("name_long", limit=NAME_LIMIT)
    for char in name:
        if unicodedata.category(char)[0] in "CZ" and char != " " and char not in _JOINERS:
            raise _refuse("name_character")
    return name


def channel_name(value: str) -> str:
    """A channel's name without its `#`, or a refusal."""
    name = value.strip().lstrip("#").strip()
    if not name or len(name) > CHANNEL_LIMIT or not _CHANNEL.fullmatch(name):
        raise _refuse("channel", limit=CHANNEL_LIMIT)
    return name


def refusal(exc: ValidationError, pack: PromptPack) -> str:
    """The sentence that says what to send instead, for the first thing wrong."""
    first = exc.errors()[0]
    kind = str(first["type"])
    if kind.startswith("local.refused."):
        return pack.say(kind, **(first.get("ctx") or {}))
    where = str(first["loc"][0]) if first["loc"] else ""
    if where == "text" and kind == "string_too_long":
        return pack.say("local.refused.text_long", limit=TEXT_LIMIT)
    if where == "user" and kind == "string_too_long":
        return pack.say("local.refused.name_long", limit=NAME_LIMIT)
    if where in _BY_FIELD:
        return pack.say(_BY_FIELD[where], limit=CHANNEL_LIMIT)
    return pack.say("local.refused.body", example=EXAMPLE_BODY)
