"""Move already planned nudges after an admin changes a schedule setting (one channel, or every
known channel of the workspace for a workspace-wide change), told by `SettingsChanged`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..changes import SettingsChanged
from ..context import Context
from ..marks import on
from ..model import ConversationRef, Reply
from ..schedule import NAMES
from .service import nudges_for

if TYPE_CHECKING:
    from ..services import Services

REFS_TABLE = "conversations"


async def replan(core: Services, ref: ConversationRef, *, everywhere: bool) -> int:
    """Replan `ref`'s channel, or with `everywhere` every channel of its workspace. Returns how
    many channels were replanned."""
    planner = nudges_for(core).planner
    now = core.clock.now()
    if not everywhere:
        return await planner.replan_channels([ref.in_thread(None)], now)
    refs = [
        ConversationRef.from_dict(doc) for doc in await core.store.find(REFS_TABLE, scope=ref.scope)
    ]
    return await planner.replan_channels(refs, now)


@on(SettingsChanged)
async def replan_on_change(ctx: Context) -> list[Reply]:
    """Planned nudges move when an admin changes a schedule setting (time zone, quiet hours…)."""
    event = ctx.event
    if isinstance(event, SettingsChanged) and set(event.names) & set(NAMES):
        await replan(ctx.core, ctx.ref, everywhere=event.everywhere)
    return []
