"""Turn the person an admin names (`<@U123>`, a Teams id, a local name) into a platform id."""

from __future__ import annotations

import re

from ..model import ConversationRef, Platform
from .validate import Invalid

_TEAMS_MENTION = re.compile(r"^<@([^|>\s]+)(?:\|[^>]*)?>$")
_SLACK_MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$")
_SLACK_ID = re.compile(r"^@?([UW][A-Z0-9]{2,})$")
_TEAMS_ID = re.compile(
    r"^(?:29:[\w.\-]{4,200}|8:orgid:[0-9a-fA-F-]{36}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})$"
)
_LOCAL_NAME = re.compile(r"^@?([\w.-]{1,64})$")
_PLATFORMS = tuple(str(p) for p in Platform)


def person_id(ref: ConversationRef, text: str) -> str:
    """The platform id of the person written as `text` on `ref`'s platform, or `Invalid`.

    Slack: `<@U123>`, `<@U123|name>`, `U123` or `slack:U123`. Teams: the user's id (`29:…`,
    `8:orgid:…` or an object id) or `teams:<id>`; a mention's display name is not an id.
    Local chat: the user's name, with or without `@`."""
    typed = text.strip()
    head, sep, rest = typed.partition(":")
    if sep and head.lower() in _PLATFORMS:
        if head.lower() != ref.platform:
            raise Invalid("admin.invalid.other_platform", platform=head.lower())
        typed = rest.strip()
    if ref.platform == Platform.SLACK:
        found = _SLACK_MENTION.match(typed) or _SLACK_ID.match(typed)
        if found:
            return found.group(1)
    elif ref.platform == Platform.TEAMS:
        mention = _TEAMS_MENTION.match(typed)  # the adapter writes @mentions as <@id|name>
        if mention:
            typed = mention.group(1)
        if _TEAMS_ID.match(typed):
            return typed
    else:
        found = _LOCAL_NAME.match(typed)
        if found:
            return found.group(1)
    raise Invalid(f"admin.invalid.person.{ref.platform}", typed=typed[:60])
