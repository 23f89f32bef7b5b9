"""Named points where one feature adds to what another makes, without importing it.

A feature offers a point by calling what the core's features hook there
(`core.registry.hooked(point)`); another feature hooks in through its `Feature(hooks=...)`.

- `REFLECTION_OPENING`: `async (core, ref, trigger) -> dict` of fields to add to a reflection
  nudge's content when it is composed (the actions feature: the channel's open actions).
- `REFLECTION_CARD`: `(pack, card, content) -> Card`, the reflection card with what the hook
  adds (the actions feature: the open actions on top, "Make this an action")."""

from __future__ import annotations

REFLECTION_OPENING = "reflection.opening"
REFLECTION_CARD = "reflection.card"
