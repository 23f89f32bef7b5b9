"""Answers to a Teams activity: where each reply of the core goes, posted through `Outbound`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.adapter import Origin
from bot.model import CardAction, ChannelMessage, ChatKind, Event, Reply, Threading

from . import events
from .activity import MESSAGE, TurnActivity
from .send import Outbound, Target


@dataclass
class Turn(Origin):
    """The activity being answered: the contract's `ref`, `user` and `message_id` (a click's
    card, or the message answered), the core event it became, the service URL to answer through, the
    conversation id it came in, and the message activity it answers (`reply_to`)."""

    event: Event | None = None
    service_url: str = ""
    conversation_id: str = ""
    reply_to: str | None = None

    @classmethod
    def of(cls, activity: TurnActivity, event: Event) -> Turn:
        reply_to = activity.id if activity.type == MESSAGE else None
        conversation = activity.conversation
        return cls(
            event.ref,
            event.user,
            getattr(event, "message_id", None),
            event,
            activity.service_url or "",
            (conversation.id if conversation is not None else None) or "",
            reply_to,
        )

    @classmethod
    def plain(cls, origin: Origin) -> Turn:
        """A plain origin, without a turn: answered through the conversation's stored service
        URL, in its thread when it is in one."""
        if isinstance(origin, Turn):
            return origin
        ref = origin.ref
        return cls(ref, origin.user, origin.message_id, None, ref.endpoint or "", ref.channel)


def here(origin: Turn, reply: Reply) -> Target:
    """Where a reply to this activity goes: the same conversation (answering the message),
    or the thread of the triggering message."""
    message_id = origin.message_id
    ref = origin.ref
    if reply.threading == Threading.THREAD and ref.kind == ChatKind.CHANNEL:
        root = ref.thread or message_id
        if root:
            return Target(f"{ref.channel}{events.THREAD_MARK}{root}", message_id or root)
    return Target(origin.conversation_id, origin.reply_to)


async def answer(out: Outbound, origin: Origin, replies: Sequence[Reply]) -> None:
    """Post the core's replies ourselves (through `Outbound`), not via
    `turn_context.send_activity`: one fast path for replies and proactive posts."""
    turn = Turn.plain(origin)
    ref = turn.ref
    event = turn.event
    bot_id = ref.bot_id

    async def post_here(reply: Reply) -> None:
        target = here(turn, reply)
        await out.post(turn.service_url, target, out.message(reply, ref.kind), bot_id, turn.user)

    for reply in replies:
        if reply.to is not None:
            await out.send(reply.to, reply)
        elif reply.private and ref.kind != ChatKind.DIRECT:
            # A reply to a message not written to the bot (a jargon tip) never becomes a
            # public notice naming its person: if it cannot be private, nothing is posted.
            asked = not isinstance(event, ChannelMessage)
            await out.private(
                ref,
                reply.recipient or turn.user,
                reply,
                notice=post_here,
                public_notice=asked,
            )
        elif (
            reply.replace_card
            and reply.card is not None
            and (event is None or isinstance(event, CardAction))  # a card, not a message
            and turn.message_id
            and not reply.private
            and await out.update(
                turn.service_url,
                turn.conversation_id,
                turn.message_id,
                out.message(reply, ref.kind),
                turn.user,
            )
        ):
            continue
        else:
            await post_here(reply)
