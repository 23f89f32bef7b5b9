"""Who is an admin: platform admins, the COPROD_ADMINS list, and admins added in chat.

- A platform's own admins arrive as `User.platform_admin`, when its adapter can tell (Slack's
  workspace admins and owners do; Teams cannot tell team owners apart, so there only the
  explicit list counts: COPROD_ADMINS plus people added with `admin admins add`).
- A COPROD_ADMINS entry is a bare id (every platform), `platform:id` (every workspace or
  tenant of that platform) or `platform:workspace:id` (that one workspace or tenant only).
- Guests are admins only when they are on that explicit list.
- Admins added in chat belong to one workspace or tenant (`ref.scope`) and nowhere else."""

from __future__ import annotations

from typing import Any

from .model import ConversationRef, User
from .platforms import names, rules_for
from .store import Store

ADMINS_TABLE = "admins"


class Rights:
    """Checks admin rights on every call; nothing is cached between calls."""

    def __init__(self, store: Store, configured: frozenset[str]) -> None:
        self.store = store
        self.configured = configured

    def is_configured(self, ref: ConversationRef, user_id: str) -> bool:
        """Named in COPROD_ADMINS, as `platform:workspace:id`, `platform:id` or a bare id.
        Matched whole, so ids holding colons (Teams `29:…`) are never split."""
        here = f"{ref.platform}:{ref.workspace}:{user_id}"
        return bool({user_id, f"{ref.platform}:{user_id}", here} & self.configured)

    @staticmethod
    def key(ref: ConversationRef, user_id: str) -> str:
        return f"{ref.scope}:{user_id}"

    async def is_listed(self, ref: ConversationRef, user_id: str) -> bool:
        """Added with `admin admins add` in this workspace or tenant."""
        return await self.store.get(ADMINS_TABLE, self.key(ref, user_id)) is not None

    async def is_admin(self, ref: ConversationRef, user: User | None) -> bool:
        if user is None or not user.id:
            return False
        if self.is_configured(ref, user.id) or await self.is_listed(ref, user.id):
            return True
        return user.platform_admin and not user.is_guest

    async def add(
        self, ref: ConversationRef, user_id: str, *, by: str, at: str, name: str = ""
    ) -> bool:
        """List `user_id` as an admin of this workspace; False when already listed. `name` is
        the display name the adding admin wrote, when there was one (shown to people who are
        refused, so they know whom to ask)."""
        doc = {"scope": ref.scope, "user": user_id, "added_by": by, "at": at}
        if name:
            doc["name"] = name
        return await self.store.add(ADMINS_TABLE, self.key(ref, user_id), doc)

    async def remove(self, ref: ConversationRef, user_id: str) -> bool:
        return await self.store.delete(ADMINS_TABLE, self.key(ref, user_id))

    async def listed(self, ref: ConversationRef) -> list[dict[str, Any]]:
        """The admins added in chat in this workspace, oldest first."""
        docs = await self.store.find(ADMINS_TABLE, scope=ref.scope)
        return sorted(docs, key=lambda d: (d.get("at", ""), d["user"]))

    def configured_here(self, ref: ConversationRef) -> list[str]:
        """COPROD_ADMINS entries that can apply in this workspace or tenant."""
        out = []
        for entry in sorted(self.configured):
            platform, sep, rest = entry.partition(":")
            if not sep or platform not in names():
                out.append(entry)  # a bare id
            elif platform == ref.platform:
                workspace = _workspace_of(platform, rest)
                if workspace is None or workspace == ref.workspace:
                    out.append(entry)
        return out


def _workspace_of(platform: str, rest: str) -> str | None:
    """The workspace an entry's `rest` (after `platform:`) names, or None for every one: an
    id alone, or an id that holds a colon itself (the platform's rules say, as Teams' `29:…`)."""
    first, sep, _ = rest.partition(":")
    if not sep or rules_for(platform).everywhere(rest):
        return None
    return first
