"""Turn the person an admin names (a mention, an id, a name) into a platform id, by asking the
platform's own rules (`bot/platforms.py`, each adapter package's `platform.py`)."""

from __future__ import annotations

from ..model import ConversationRef
from ..platforms import names, rules_for
from .validate import Invalid


def person_id(ref: ConversationRef, text: str) -> str:
    """The platform id of the person written as `text` on `ref`'s platform, or `Invalid`.

    `<platform>:<id>` names the platform as well (it must be `ref`'s); the rest is read by
    that platform's `person_id` (Slack: `<@U123>` or `U123`; Teams: `29:…` or an object id;
    the local chat: a name, with or without `@`)."""
    typed = text.strip()
    head, sep, rest = typed.partition(":")
    if sep and head.lower() in names():
        if head.lower() != ref.platform:
            raise Invalid("admin.invalid.other_platform", platform=head.lower())
        typed = rest.strip()
    rules = rules_for(ref.platform)
    found = rules.person_id(typed)
    if found:
        return found
    raise Invalid(rules.person_hint, typed=typed[:60])
