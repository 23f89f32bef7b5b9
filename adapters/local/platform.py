"""What the core knows of the local chat: its name, and that a person is written by name."""

from __future__ import annotations

import re

from bot.model import Platform
from bot.platforms import PlatformRules

NAME = Platform("local")
_NAME = re.compile(r"^@?([\w.-]{1,64})$")


def person_id(text: str) -> str | None:
    """The person's name in the local chat, with or without `@`."""
    found = _NAME.match(text)
    return found.group(1) if found else None


PLATFORM = PlatformRules(
    NAME,
    person_id=person_id,
    person_hint="admin.invalid.person.local",
    admins_hint="admin.admins.list.local",
    words={
        "admin.refused.find": "admin.refused.find.local",
        "actions.owner.unknown": "actions.owner.unknown.local",
    },
)
