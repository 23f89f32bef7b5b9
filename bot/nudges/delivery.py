"""Delivery confirmation: adapters that can tell whether a nudge was already posted let the
scheduler finish a send interrupted by a crash exactly once."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import ConversationRef

if TYPE_CHECKING:
    from ..core import Core


@runtime_checkable
class ConfirmsDelivery(Protocol):
    """Optional adapter extra: True if a post carrying `nudge_id` (see `cards.nudge_id_of`)
    is in the conversation, False if it surely is not, None if it cannot tell.

    `since` is the earliest time the post can have been made (the slot's first claim), so an
    adapter that reads the conversation's history need look no further back (less a margin for
    clock differences); None means "no bound known"."""

    async def delivered(
        self, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
    ) -> bool | None: ...


async def was_delivered(
    core: Core, ref: ConversationRef, nudge_id: str, *, since: datetime | None = None
) -> bool | None:
    """Ask `ref`'s adapter whether the nudge was posted; None when it cannot tell."""
    adapter = core.adapters.get(ref.platform)
    if isinstance(adapter, ConfirmsDelivery):
        return await adapter.delivered(ref, nudge_id, since=since)
    return None
