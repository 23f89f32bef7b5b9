"""A person's language choice, kept as a salted code of their id with the locale they chose."""

from __future__ import annotations

from ..identity import Identity
from ..model import ConversationRef, User
from ..store import Store

TABLE = "language_choices"
PURPOSE = "language"


class Choices:
    """Reads, writes and erases choices. The person's id is never stored: only a one-way code
    for this purpose, so the table cannot be read as a list of people."""

    def __init__(self, store: Store, identity: Identity) -> None:
        self.store = store
        self.identity = identity

    async def _key(self, ref: ConversationRef, user: User) -> str:
        return f"{ref.scope}:{await self.identity.code(ref, user, PURPOSE)}"

    async def get(self, ref: ConversationRef, user: User) -> str | None:
        """The person's choice; reading it never writes (no salt is made for it)."""
        code = await self.identity.known_code(ref, user, PURPOSE)
        if code is None:
            return None
        doc = await self.store.get(TABLE, f"{ref.scope}:{code}")
        return str(doc["locale"]) if doc and doc.get("locale") else None

    async def set(self, ref: ConversationRef, user: User, locale: str) -> None:
        await self.store.put(
            TABLE, await self._key(ref, user), {"scope": ref.scope, "locale": locale}
        )

    async def clear(self, ref: ConversationRef, user: User) -> int:
        """Forget the person's choice; return how many records went (0 or 1)."""
        return 1 if await self.store.delete(TABLE, await self._key(ref, user)) else 0
