"""Named points where one feature adds to what another makes, without importing it.

A feature offers a point by calling what the core's features hook there
(`core.registry.hooked(point)`); another feature hooks in through its `Feature(hooks=...)`.

- `REFLECTION_OPENING`: `async (core, ref, trigger) -> dict` of fields to add to a reflection
  nudge's content when it is composed (the actions feature: the channel's open actions).
- `REFLECTION_CARD`: `(pack, card, content) -> Card`, the reflection card with what the hook
  adds (the actions feature: the open actions on top, "Make this an action").
- `RESULTS_DONE`: `async (store, rnd) -> dict[int, int]`, per principle, what was done since
  the round before (the actions feature: actions marked done), shown on the results card.
- `RESULTS_STEP`: `(pack, text, principle) -> Block`, a block under the results card's next
  step (the actions feature: "Make this an action").
- `ROUND_CLOSED`: `async (ctx, rnd) -> None`, told when a check round closes (the actions
  feature plans its summary "after each check round").
- `ADMIN_EXPORT` + `.<word>`: `async (req) -> list[Reply]`, `admin export <word>` (the actions
  feature: `admin.export.actions`)."""

from __future__ import annotations

REFLECTION_OPENING = "reflection.opening"
REFLECTION_CARD = "reflection.card"
RESULTS_DONE = "results.done"
RESULTS_STEP = "results.step"
ROUND_CLOSED = "round.closed"
ADMIN_EXPORT = "admin.export"
