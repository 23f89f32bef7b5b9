"""Delivery confirmation: adapters that can tell whether a nudge was already posted
(`Capabilities.confirms_delivery`) let the scheduler finish a send interrupted by a crash
exactly once."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..model import ConversationRef

if TYPE_CHECKING:
    from ..core import Core


def confirms_delivery(core: Core, ref: ConversationRef) -> bool:
    """Can `ref`'s adapter tell whether a post was made (`Adapter.delivered`)?"""
    adapter = core.adapters.get(ref.platform)
    return adapter is not None and adapter.capabilities.confirms_delivery


async def was_delivered(
    core: Core, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
) -> bool | None:
    """Ask `ref`'s adapter whether the post keyed `nudge_id` was made; None when it cannot tell."""
    if not confirms_delivery(core, ref):
        return None
    return await core.adapters[ref.platform].delivered(ref, nudge_id, since=since)
