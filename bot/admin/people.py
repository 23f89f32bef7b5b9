"""Turn the person an admin names (a mention, an id, a name) into a platform id: a mention by
the event's `mentions` (the adapter resolved it), the rest by the platform's own rules
(`bot/platforms.py`, each adapter package's `platform.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ConversationRef, Mention
from ..platforms import names, rules_for
from .validate import Invalid


@dataclass(frozen=True)
class Person:
    """A person named in a command: the platform id, and the display name written with it
    ("" when only an id or a name was typed)."""

    id: str
    name: str = ""


def person(ref: ConversationRef, text: str, mentions: Sequence[Mention] = ()) -> Person:
    """The person written as `text` on `ref`'s platform, or `Invalid`.

    A mention is looked up in `mentions` by the text that stands for it; its id is still one
    the platform accepts. `<platform>:<id>` names the platform as well (it must be `ref`'s);
    the rest is read by that platform's `person_id` (Slack: `U123`; Teams: `29:…` or an
    object id; the local chat: a name, with or without `@`)."""
    typed = text.strip()
    rules = rules_for(ref.platform)
    words = typed.split()
    for mention in mentions:
        if mention.text and words == mention.text.split():
            found = rules.person_id(mention.id)
            if found:
                return Person(found, mention.name)
            raise Invalid(rules.person_hint, typed=typed[:60])
    head, sep, rest = typed.partition(":")
    if sep and head.lower() in names():
        if head.lower() != ref.platform:
            raise Invalid("admin.invalid.other_platform", platform=head.lower())
        typed = rest.strip()
    found = rules.person_id(typed)
    if found:
        return Person(found, rules.person_name(typed))
    raise Invalid(rules.person_hint, typed=typed[:60])


def person_id(ref: ConversationRef, text: str, mentions: Sequence[Mention] = ()) -> str:
    """The platform id of the person written as `text` (see `person`), or `Invalid`."""
    return person(ref, text, mentions).id
