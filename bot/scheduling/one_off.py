"""One-off posts: a feature asks for something to be posted once, at a set time, with the same
slots, claims, crash recovery and delivery check as nudges (see docs/nudges.md).

A feature marks `handler(core, slot)` with `@one_off(kind)` (`bot/registry.py`) and so brings
it through its `Feature`; `plan_one_off(core, ref, kind, name, when)` plans a slot in the
core's slot table. When the slot falls due the scheduler claims it (compare-and-set, so one
replica wins) and calls the handler, which does its work and returns the post, or None when
there is nothing to post (the slot is then skipped). After a crash between claim and mark, the
handler is called again before delivery is checked, so it must be idempotent: finish the work
if it was not finished, and return the same post. Unlike nudges, one-off slots ignore the nudge
settings (off, paused, quiet hours, the daily cap and the grace window): they are not nudges."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ..model import ConversationRef
from .slots import PLANNED, SlotTable, iso, slot_key, ts


class HasSlots(Protocol):
    """What planning needs of a core: its slot table (`Core.slots`)."""

    slots: SlotTable


async def plan_one_off(
    core: HasSlots, ref: ConversationRef, kind: str, name: str, when: datetime
) -> str | None:
    """Plan a one-off slot in `ref`'s channel at `when`; its key, or None if already planned."""
    key = slot_key(ref.channel_key, kind, name, iso(when))
    doc = {"scope": ref.scope, "nominal": iso(when), "due_ts": ts(when), "state": PLANNED}
    return key if await core.slots.add(key, doc) else None
