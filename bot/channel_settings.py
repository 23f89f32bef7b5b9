"""Per-channel and per-workspace settings with scope resolution: channel, then workspace, then
the default. Each feature declares its settings' defaults in its `Feature` (the shared ones
are the Core's); admins and commands change them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import ConversationRef
from .store import Store

TABLE = "settings"
WORKSPACE = "*"


@dataclass(frozen=True)
class Resolved:
    """An effective value and where it came from: "channel", "workspace" or "default"."""

    value: Any
    source: str


class ChannelSettings:
    """Settings documents keyed `<platform>:<workspace>:<channel or *>`. Values are JSON.

    `declared` is the shipped defaults (the Core passes its registry's, which grows as features
    are composed); `overrides` are the operator's (like COPROD_TIMEZONE), on top."""

    def __init__(
        self,
        store: Store,
        declared: Mapping[str, Any],
        overrides: dict[str, Any] | None = None,
    ) -> None:
        self.store = store
        self.declared = declared
        self.overrides = overrides or {}

    @property
    def defaults(self) -> dict[str, Any]:
        """Declared defaults, with operator settings (like COPROD_TIMEZONE) on top."""
        return {**self.declared, **self.overrides}

    @staticmethod
    def key(ref: ConversationRef, *, channel: bool = True) -> str:
        return f"{ref.scope}:{ref.channel if channel else WORKSPACE}"

    async def resolve(self, ref: ConversationRef, name: str) -> Resolved:
        for scope, channel in (("channel", True), ("workspace", False)):
            doc = await self.store.get(TABLE, self.key(ref, channel=channel))
            if doc is not None and name in doc:
                return Resolved(doc[name], scope)
        if name not in self.defaults:
            raise KeyError(f"unknown setting {name!r}; declare a default in ChannelSettings")
        return Resolved(self.defaults[name], "default")

    async def get(self, ref: ConversationRef, name: str) -> Any:
        return (await self.resolve(ref, name)).value

    async def set(
        self, ref: ConversationRef, name: str, value: Any, *, channel: bool = True
    ) -> Any:
        """Set `name` for this channel (or the whole workspace); return the previous value."""
        key = self.key(ref, channel=channel)
        doc = await self.store.get(TABLE, key) or {"scope": ref.scope}
        old = doc.get(name)
        doc[name] = value
        doc.pop("_key", None)
        await self.store.put(TABLE, key, doc)
        return old

    async def clear(self, ref: ConversationRef, name: str, *, channel: bool = True) -> None:
        key = self.key(ref, channel=channel)
        doc = await self.store.get(TABLE, key)
        if doc and name in doc:
            doc.pop(name)
            doc.pop("_key", None)
            await self.store.put(TABLE, key, doc)
