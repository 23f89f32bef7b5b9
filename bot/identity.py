"""Salted one-way codes for people's ids, so features can recognise someone without storing who."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from .model import ConversationRef, User
from .store import Store

SECRETS_TABLE = "secrets"
SALT_KEY = "salt"


class Identity:
    """Turns (scope, user id, purpose) into a stable code that cannot be reversed. The salt is
    COPROD_SALT (or COPROD_SALT_FILE) when set, and then never enters the store, so a copy of the
    store cannot match codes against a list of ids; otherwise it is made once and kept in the
    store (docs/deploy.md, "What a stolen backup reveals")."""

    def __init__(self, store: Store, salt: bytes | None = None) -> None:
        self.store = store
        self._salt: bytes | None = salt

    async def salt(self) -> bytes:
        if self._salt is None:
            await self.store.add(SECRETS_TABLE, SALT_KEY, {"value": secrets.token_hex(32)})
            doc = await self.store.get(SECRETS_TABLE, SALT_KEY)
            assert doc is not None
            self._salt = bytes.fromhex(doc["value"])
        return self._salt

    async def known_code(self, ref: ConversationRef, user: User | str, purpose: str) -> str | None:
        """The code, without making a salt: None while there is none yet (so nobody can have
        stored anything under a code), for lookups that must not write."""
        if self._salt is None and await self.store.get(SECRETS_TABLE, SALT_KEY) is None:
            return None
        return await self.code(ref, user, purpose)

    async def code(self, ref: ConversationRef, user: User | str, purpose: str) -> str:
        """A 32-character code for this person in this workspace, for one purpose."""
        user_id = user.id if isinstance(user, User) else user
        message = f"{purpose}\x1f{ref.scope}\x1f{user_id}".encode()
        return hmac.new(await self.salt(), message, hashlib.sha256).hexdigest()[:32]
