"""What the core knows of Teams: its name, how a person is written (`29:…`), admin ids."""

from __future__ import annotations

import re

from bot.model import Platform
from bot.platforms import PlatformRules

NAME = Platform("teams")
# events.py writes a mention as <@id|name>, so a command knows whom it names
_MENTION = re.compile(r"^<@([^|>\s]+)(?:\|([^>]*))?>$")
_ID = re.compile(
    r"^(?:29:[\w.\-]{4,200}|8:orgid:[0-9a-fA-F-]{36}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$"
)


def person_id(text: str) -> str | None:
    """A user's id (`29:…`, `8:orgid:…` or an object id), alone or in a mention; a mention's
    display name is not an id."""
    mention = _MENTION.match(text)
    typed = mention.group(1) if mention else text
    return typed if _ID.match(typed) else None


def person_name(text: str) -> str:
    """The display name in a mention (`<@29:…|Sam>`); "" for anything else."""
    mention = _MENTION.match(text)
    return (mention.group(2) or "") if mention and person_id(text) else ""


def everywhere(rest: str) -> bool:
    """`teams:29:…` is a user id with a colon (every tenant); `teams:<tenant>:…` names one.
    A user id starts with digits and a colon; a tenant id never does."""
    first, sep, _ = rest.partition(":")
    return bool(sep) and first.isdigit()


PLATFORM = PlatformRules(
    NAME,
    person_id=person_id,
    person_name=person_name,
    person_hint="admin.invalid.person.teams",
    admins_hint="admin.admins.list.teams",
    words={
        "admin.refused.find": "admin.refused.find.teams",
        "actions.owner.unknown": "actions.owner.unknown.teams",
    },
    everywhere=everywhere,
)
