"""The Teams adapter the core sees: platform, capabilities, `send`, `reply` and `forget`."""

from __future__ import annotations

from collections.abc import Sequence

from bot.adapter import Adapter, Capabilities, Origin
from bot.model import ConversationRef, Reply, User

from .answer import answer
from .platform import NAME as PLATFORM_NAME
from .send import PERSONAL_TABLE, Outbound, personal_key


class TeamsAdapter(Adapter):
    """Proactive posts for the scheduler and other features, through `Outbound`."""

    platform = PLATFORM_NAME
    # Teams allows 7 posts a second and 60 per 30 seconds per conversation or thread.
    capabilities = Capabilities(
        ephemeral=False,
        direct_messages=True,
        threads=True,
        modals=False,
        update_cards=True,
        update_posts=True,
        post_budget=((7, 1.0), (60, 30.0)),
    )

    def __init__(self, outbound: Outbound) -> None:
        self.outbound = outbound

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        return await self.outbound.send(ref, reply)

    async def reply(self, origin: Origin, replies: Sequence[Reply]) -> None:
        """Answer an activity (`answer.Turn`): in its conversation or thread, a private reply
        in the person's personal chat, the clicked card replaced by an activity update."""
        await answer(self.outbound, origin, replies)

    async def update(self, ref: ConversationRef, message_id: str, reply: Reply) -> bool:
        """Replace a card the bot posted (an activity update, `PUT …/activities/{id}`)."""
        if not ref.endpoint:
            return False
        out = self.outbound
        return await out.update(ref.endpoint, ref.channel, message_id, out.message(reply, ref.kind))

    async def forget(self, ref: ConversationRef, user: User) -> int:
        """`forget me`: drop the stored personal chat reference of the person who asks."""
        out = self.outbound
        return int(await out.store.delete(PERSONAL_TABLE, personal_key(ref.scope, user.id)))

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.outbound.close()
