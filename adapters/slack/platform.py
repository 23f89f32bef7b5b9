"""What the core knows of Slack: its name and how a person is written (`<@U123>`, `U123`)."""

from __future__ import annotations

import re

from bot.model import Platform
from bot.platforms import PlatformRules

NAME = Platform("slack")
_MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>$")
_ID = re.compile(r"^@?([UW][A-Z0-9]{2,})$")


def person_id(text: str) -> str | None:
    """`<@U123>`, `<@U123|name>`, `U123` or `@U123` → `U123`; anything else None."""
    found = _MENTION.match(text) or _ID.match(text)
    return found.group(1) if found else None


def person_name(text: str) -> str:
    """The name in `<@U123|name>`; "" for anything else."""
    found = _MENTION.match(text)
    return (found.group(2) or "") if found else ""


PLATFORM = PlatformRules(
    NAME,
    person_id=person_id,
    person_name=person_name,
    person_hint="admin.invalid.person.slack",
    admins_hint="admin.admins.list.slack",
    words={
        "admin.refused.find": "admin.refused.find.slack",
        "actions.owner.unknown": "actions.owner.unknown.slack",
    },
)
