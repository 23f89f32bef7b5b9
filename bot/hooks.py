"""Named points where one feature adds to what another makes, without importing it.

A feature offers a point by calling what the core's features hook there
(`core.registry.hooked(point)`); another feature hooks in through its `Feature(hooks=...)`.

- `REFLECTION_OPENING`: `async (core, ref, trigger) -> dict` of fields to add to a reflection
  nudge's content when it is composed (the actions feature: the channel's open actions).
- `REFLECTION_CARD`: `(pack, card, content) -> Card`, the reflection card with what the hook
  adds (the actions feature: the open actions on top, "Make this an action").
- `RESULTS_DONE`: `async (store, span) -> dict[int, int]`, per principle, what was done in a
  `RoundSpan` (the actions feature: actions marked done), shown on the results card.
- `RESULTS_STEP`: `(pack, text, principle) -> Block`, a block under the results card's next
  step (the actions feature: "Make this an action").
- `ROUND_CLOSED`: `async (ctx, span) -> None`, told with its `RoundSpan` when a check round
  closes (the actions feature plans its summary "after each check round").
- `REPORT_TALLIES`: `async (store, ref) -> dict[int, list[tuple[str, str]]]`, per principle,
  the latest (question, tally line) pairs `report` shows (the nudges feature: reflection votes).
- `ADMIN_EXPORT` + `.<word>`: `async (req) -> list[Reply]`, `admin export <word>` (the actions
  feature: `admin.export.actions`)."""

from __future__ import annotations

from dataclasses import dataclass

REFLECTION_OPENING = "reflection.opening"
REFLECTION_CARD = "reflection.card"
RESULTS_DONE = "results.done"
RESULTS_STEP = "results.step"
ROUND_CLOSED = "round.closed"
REPORT_TALLIES = "report.tallies"
ADMIN_EXPORT = "admin.export"


@dataclass(frozen=True)
class RoundSpan:
    """A check round as other features see it: its channel and number, when the channel's
    round before it closed (None for the first) and when it closed (None while it is open)."""

    scope: str
    channel: str
    seq: int
    since: str | None
    closed: str | None
