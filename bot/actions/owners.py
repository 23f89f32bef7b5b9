"""Who owns an action: a person the message mentions (the adapter resolved them), or one named
as the platform writes ids (`U123` on Slack, `29:…` on Teams, `@sam` in the local chat), never
a channel, a group or the bot."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..admin.people import person
from ..admin.validate import Invalid
from ..markup import clean
from ..model import ConversationRef, Mention
from ..platforms import rules_for

# Mentions of everyone, a channel or a group are not a person (a mention with no id, such as
# Slack's `<!here>`; typed `@channel`), nor is the bot itself.
_GROUP = re.compile(r"^@?(?:channel|here|everyone|team|all|coprod)$", re.IGNORECASE)
MAX_WRITTEN = 80  # a display name longer than this is not shown: the id is
MAX_NAME = 64


class NotAPerson(ValueError):
    """The owner named is not a person: `message_id` says why, `values` fill it."""

    def __init__(self, message_id: str, **values: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.values = values


@dataclass(frozen=True)
class Owner:
    id: str
    name: str


def parse_owner(ref: ConversationRef, text: str, mentions: Sequence[Mention] = ()) -> Owner:
    """The person `text` names on `ref`'s platform (a mention among `mentions`, or an id), or
    NotAPerson."""
    typed = text.strip()
    words = typed.split()
    groups = [m for m in mentions if not m.id and m.text.split() == words]
    if _GROUP.match(typed) or groups:
        raise NotAPerson("actions.owner.group", typed=typed[:60])
    try:
        found = person(ref, typed, mentions)
    except Invalid:
        unknown = rules_for(ref.platform).message("actions.owner.unknown")
        raise NotAPerson(unknown, typed=typed[:60]) from None
    if _GROUP.match(found.id):
        raise NotAPerson("actions.owner.group", typed=typed[:60])
    written = found.name.removeprefix("@")
    name = found.name if 1 <= len(written) <= MAX_WRITTEN else found.id
    return Owner(found.id, clean(name.strip().lstrip("@"), limit=MAX_NAME))
