"""Who is an admin: platform admins, the COPROD_ADMINS list, and admins added in chat."""

from __future__ import annotations

from .model import ConversationRef, User
from .store import Store

ADMINS_TABLE = "admins"


class Rights:
    """Checks admin rights on every call; nothing is cached between calls."""

    def __init__(self, store: Store, configured: frozenset[str]) -> None:
        self.store = store
        self.configured = configured

    def _configured(self, ref: ConversationRef, user: User) -> bool:
        return bool({user.id, f"{ref.platform}:{user.id}"} & self.configured)

    async def is_admin(self, ref: ConversationRef, user: User | None) -> bool:
        if user is None or (user.is_guest and not self._configured(ref, user)):
            return False
        if user.platform_admin or self._configured(ref, user):
            return True
        return await self.store.get(ADMINS_TABLE, f"{ref.scope}:{user.id}") is not None
