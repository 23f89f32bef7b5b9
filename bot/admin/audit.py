"""The audit log: every admin change, with who (platform id), when, where, what, old and new.

What changed (and a value in words, such as "on the list") is a message id with its values
(`Said`): the entry keeps the id and values, so `admin audit` says it in the reader's language,
and the English text beside them for anyone reading the store."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from dataclasses import field as default
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..marks import eraser
from ..markup import clean
from ..model import ConversationRef
from ..prompts import EN, PromptPack, speaking
from ..store import Store

if TYPE_CHECKING:
    from ..context import Context

TABLE = "audit"
SHOWN = 20
MAX_VALUE = 500


@dataclass(frozen=True)
class Said:
    """Words in the audit record: a message id (`admin.audit.what.*`) and its values."""

    id: str
    values: dict[str, Any] = default(default_factory=dict)


def said(message_id: str, /, **values: Any) -> Said:
    return Said(message_id, values)


def shown(value: Any) -> str:
    """A stored value as audit text: empty for none, lists joined, cleaned and capped."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}: {v}" for k, v in value.items())
    return clean(str(value), limit=MAX_VALUE)


class AuditLog:
    """Entries kept per workspace or tenant (`ref.scope`); one scope never sees another's."""

    def __init__(self, store: Store, pack: PromptPack | None = None) -> None:
        self.store = store
        self.pack = pack  # says a `Said` in English for the stored text

    def _english(self, value: Any) -> Any:
        if not isinstance(value, Said):
            return value
        assert self.pack is not None, "words in the audit record need the prompt pack"
        with speaking(EN):
            return self.pack.say(value.id, **value.values)

    @staticmethod
    def _ids(name: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, Said):
            return {}
        return {f"{name}_id": value.id, f"{name}_values": dict(value.values)}

    async def record(
        self,
        ref: ConversationRef,
        *,
        by: str,
        at: datetime,
        everywhere: bool,
        what: Said,
        old: Any,
        new: Any,
    ) -> None:
        number = await self.store.count(TABLE, scope=ref.scope) + 1
        stamp = at.isoformat()
        await self.store.put(
            TABLE,
            f"{ref.scope}:{stamp}:{secrets.token_hex(4)}",
            {
                "scope": ref.scope,
                "n": number,
                "at": stamp,
                "by": by,
                "target": "workspace" if everywhere else "channel",
                "channel": ref.channel,
                "channel_name": clean(ref.channel_name, limit=80),
                "what": clean(self._english(what), limit=200),
                "old": shown(self._english(old)),
                "new": shown(self._english(new)),
                **self._ids("what", what),
                **self._ids("old", old),
                **self._ids("new", new),
            },
        )

    async def recent(self, ref: ConversationRef, limit: int = SHOWN) -> list[dict[str, Any]]:
        """The newest `limit` entries of this workspace, newest first."""
        docs = await self.store.find(TABLE, scope=ref.scope)
        docs.sort(key=lambda d: (d["at"], d.get("n", 0)), reverse=True)
        return docs[:limit]


@eraser
async def forget_in_audit(ctx: Context) -> int:
    """`forget me`: the audit log keeps what changed, but the person's platform id becomes a
    salted code (the same code for all their entries, so changes can still be told apart)."""
    assert ctx.user is not None
    me = f"{ctx.ref.platform}:{ctx.user.id}"
    code = "person " + (await ctx.user_code("audit"))[:12]
    changed = 0
    for field in ("by", "old", "new"):
        for doc in await ctx.store.find(TABLE, scope=ctx.ref.scope, **{field: me}):
            await ctx.store.update(TABLE, doc["_key"], {field: code})
            changed += 1
    return changed
