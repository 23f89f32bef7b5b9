"""Who owns an action: a person named as each platform writes them (`<@U123|sam>` on Slack,
`<@29:…|Sam>` from Teams, `@sam` in the local chat), never a channel, a group or the bot."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..admin.people import person_id
from ..admin.validate import Invalid
from ..markup import clean
from ..model import ConversationRef
from ..platforms import rules_for

# Mentions of everyone, a channel or a group are not a person (Slack `<!here>`, `<!subteam^…>`,
# typed `@channel`), nor is the bot itself.
_GROUP = re.compile(r"^<!|^@?(?:channel|here|everyone|team|all|coprod)$", re.IGNORECASE)
_NAME = re.compile(r"^<@[^|>]+\|@?([^>]{1,80})>$")
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


def parse_owner(ref: ConversationRef, text: str) -> Owner:
    """The person `text` names on `ref`'s platform, or NotAPerson."""
    typed = text.strip()
    if _GROUP.match(typed):
        raise NotAPerson("actions.owner.group", typed=typed[:60])
    try:
        found = person_id(ref, typed)
    except Invalid:
        unknown = rules_for(ref.platform).message("actions.owner.unknown")
        raise NotAPerson(unknown, typed=typed[:60]) from None
    if _GROUP.match(found):
        raise NotAPerson("actions.owner.group", typed=typed[:60])
    named = _NAME.match(typed)
    name = named.group(1) if named else found
    return Owner(found, clean(name.strip().lstrip("@"), limit=MAX_NAME))
