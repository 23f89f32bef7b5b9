"""Deliver neutral replies to Teams: in a turn, proactively, into threads and to personal chats.

Every post goes straight to the connector (`POST /v3/conversations/{id}/activities[/{replyTo}]`)
through the retry wrapper, so one code path serves replies and proactive posts. Teams has no
ephemeral messages: a private reply goes to the person's personal chat with the bot (a stored
reference, or one made with `create_conversation`). If that fails, the channel gets a short
notice without the private content."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from botbuilder.core import CloudAdapterBase, TurnContext
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from botframework.connector import Channels
from botframework.connector.aio import ConnectorClient

from bot.markup import plain
from bot.model import ChatKind, ConversationRef, Reply, Threading, User
from bot.prompts import PromptPack
from bot.store import Store

from .events import THREAD_MARK
from .render import message_json
from .retry import RetryPolicy, retrying

log = logging.getLogger(__name__)
PERSONAL_TABLE = "teams_personal"
_CONVERSATION_TYPES = {
    ChatKind.DIRECT: "personal",
    ChatKind.GROUP: "groupChat",
    ChatKind.CHANNEL: "channel",
}


def personal_key(scope: str, user_id: str) -> str:
    return f"{scope}:{user_id}"


@dataclass(frozen=True)
class Target:
    """Where one post goes: a conversation id (with `;messageid=` for a thread) and, for a
    reply, the id of the message it answers."""

    conversation_id: str
    reply_to_id: str | None = None


def proactive_target(ref: ConversationRef, reply: Reply) -> Target:
    if reply.threading == Threading.THREAD and ref.thread and ref.kind == ChatKind.CHANNEL:
        return Target(f"{ref.channel}{THREAD_MARK}{ref.thread}", ref.thread)
    return Target(ref.channel)


def reference(ref: ConversationRef, conversation_id: str | None = None) -> ConversationReference:
    """A botbuilder ConversationReference rebuilt from our stored reference."""
    tenant = ref.workspace if ref.workspace != "default" else None
    return ConversationReference(
        channel_id=Channels.ms_teams,
        service_url=ref.endpoint,
        conversation=ConversationAccount(
            id=conversation_id or ref.channel,
            tenant_id=tenant,
            conversation_type=_CONVERSATION_TYPES[ref.kind],
            is_group=ref.kind != ChatKind.DIRECT,
        ),
        bot=ChannelAccount(id=ref.bot_id),
    )


class Outbound:
    """Posts replies through a CloudAdapter's connector, with retries and privacy rules."""

    def __init__(
        self,
        cloud: CloudAdapterBase,
        *,
        app_id: str,
        store: Store,
        pack: PromptPack,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.cloud = cloud
        self.app_id = app_id
        self.store = store
        self.pack = pack
        self.policy = policy or RetryPolicy()

    def message(self, reply: Reply) -> dict[str, Any]:
        return message_json(reply, required_message=self.pack.say("teams.form.required"))

    # ---- the wire --------------------------------------------------------------------------

    @staticmethod
    def connector(turn_context: TurnContext) -> ConnectorClient:
        client: ConnectorClient = turn_context.turn_state[CloudAdapterBase.BOT_CONNECTOR_CLIENT_KEY]
        retry = client.config.retry_policy
        retry.retries = 0  # our RetryPolicy is the only one, so waits are never doubled
        retry.policy.status_forcelist = []
        return client

    async def post(
        self, client: ConnectorClient, target: Target, body: dict[str, Any], bot_id: str | None
    ) -> str | None:
        """Post one message; retry what Teams asks us to; log (never hide) a final failure."""
        activity = Activity().deserialize(body)
        activity.conversation = ConversationAccount(id=target.conversation_id)
        activity.from_property = ChannelAccount(id=bot_id) if bot_id else None
        activity.reply_to_id = target.reply_to_id
        conversations = client.conversations

        async def call() -> Any:
            if target.reply_to_id:
                return await conversations.reply_to_activity(
                    target.conversation_id, target.reply_to_id, activity
                )
            return await conversations.send_to_conversation(target.conversation_id, activity)

        try:
            response = await retrying(call, self.policy, f"a post to {target.conversation_id}")
        except Exception as exc:
            log.error(
                "Could not post to Teams conversation %s: %s", target.conversation_id, _why(exc)
            )
            return None
        return getattr(response, "id", None) or ""

    async def update(
        self, client: ConnectorClient, conversation_id: str, message_id: str, body: dict[str, Any]
    ) -> bool:
        """Replace a posted card in place (everyone sees the new card)."""
        activity = Activity().deserialize(body)
        activity.id = message_id
        activity.conversation = ConversationAccount(id=conversation_id)

        async def call() -> Any:
            return await client.conversations.update_activity(conversation_id, message_id, activity)

        try:
            await retrying(call, self.policy, f"an update in {conversation_id}")
        except Exception as exc:
            log.error("Could not update a card in %s: %s", conversation_id, _why(exc))
            return False
        return True

    async def _in(
        self, ref: ConversationRef, conversation_id: str, work: Callable[[TurnContext], Awaitable]
    ) -> None:
        """Run `work` with a connector for `ref`'s conversation (continue_conversation)."""
        await self.cloud.continue_conversation(
            reference(ref, conversation_id), work, bot_app_id=self.app_id
        )

    # ---- proactive ---------------------------------------------------------------------------

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """Post `reply` to `ref` (channel, thread or chat) without an incoming message."""
        if not ref.endpoint:
            log.error("Cannot post to Teams conversation %s: no service URL stored", ref.channel)
            return None
        if reply.private and not self._same_private_chat(ref, reply.recipient):
            return await self.private(ref, reply.recipient, reply, notice=None)
        target = proactive_target(ref, reply)
        result: list[str | None] = [None]

        async def work(turn_context: TurnContext) -> None:
            result[0] = await self.post(
                self.connector(turn_context), target, self.message(reply), ref.bot_id
            )

        try:
            await self._in(ref, target.conversation_id, work)
        except Exception as exc:
            log.error("Could not post to Teams conversation %s: %s", ref.channel, _why(exc))
        return result[0]

    @staticmethod
    def _same_private_chat(ref: ConversationRef, user: User | None) -> bool:
        """A personal chat is already private to its one person."""
        return ref.kind == ChatKind.DIRECT and user is not None

    # ---- private -----------------------------------------------------------------------------

    async def private(
        self,
        ref: ConversationRef,
        user: User | None,
        reply: Reply,
        *,
        notice: Callable[[Reply], Awaitable[Any]] | None,
    ) -> str | None:
        """Deliver a private reply in `user`'s personal chat. If impossible, post a notice
        without the private content in `ref` (through `notice`, or proactively)."""
        if user is None:
            log.error("A private reply in %s has no recipient; it was not posted", ref.channel)
            return None
        stored = await self.store.get(PERSONAL_TABLE, personal_key(ref.scope, user.id))
        if stored is not None:
            personal = ConversationRef.from_dict(stored)
            sent = await self.send(personal, _as_public(reply))
            if sent is not None:
                return sent
        sent = await self._create_personal_chat(ref, user, reply)
        if sent is not None:
            return sent
        log.warning(
            "No personal chat with %s in %s: posting a notice instead of a private reply",
            user.id,
            ref.scope,
        )
        name = plain(user.name, limit=100) or self.pack.say("teams.someone")
        text = self.pack.say("teams.private_unavailable", name=name)
        if notice is not None:
            await notice(Reply(text=text))
        else:
            await self.send(ref, Reply(text=text))
        return None

    async def _create_personal_chat(
        self, ref: ConversationRef, user: User, reply: Reply
    ) -> str | None:
        if not ref.endpoint or not ref.bot_id:
            return None
        tenant = ref.workspace if ref.workspace != "default" else None
        params = ConversationParameters(
            is_group=False,
            bot=ChannelAccount(id=ref.bot_id),
            members=[ChannelAccount(id=user.id)],
            tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}} if tenant else None,
        )
        result: list[str | None] = [None]

        async def work(turn_context: TurnContext) -> None:
            conversation_id = turn_context.activity.conversation.id
            personal = ConversationRef(
                platform=ref.platform,
                workspace=ref.workspace,
                channel=conversation_id,
                kind=ChatKind.DIRECT,
                endpoint=ref.endpoint,
                bot_id=ref.bot_id,
            )
            await remember_personal(self.store, personal, user)
            result[0] = await self.post(
                self.connector(turn_context),
                Target(conversation_id),
                self.message(_as_public(reply)),
                ref.bot_id,
            )

        async def create() -> None:
            await self.cloud.create_conversation(
                self.app_id,
                work,
                params,
                channel_id=Channels.ms_teams,
                service_url=ref.endpoint,
            )

        try:
            await retrying(create, self.policy, "opening a personal chat")
        except Exception as exc:
            log.warning("Could not open a personal chat with %s: %s", user.id, _why(exc))
            return None
        return result[0]


async def remember_personal(store: Store, personal: ConversationRef, user: User) -> None:
    """Keep the newest personal chat reference for `user` (keyed by scope and user id)."""
    key = personal_key(personal.scope, user.id)
    doc = {**personal.in_thread(None).to_dict(), "scope": personal.scope, "user": user.id}
    if await store.get(PERSONAL_TABLE, key) != doc:
        await store.put(PERSONAL_TABLE, key, doc)


def _as_public(reply: Reply) -> Reply:
    """The same reply, for a conversation that is already private."""
    from dataclasses import replace

    from bot.model import Visibility

    return replace(reply, visibility=Visibility.PUBLIC, threading=Threading.CHANNEL, to=None)


def _why(exc: BaseException) -> str:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return f"HTTP {status}" if status else f"{type(exc).__name__}: {exc}"
