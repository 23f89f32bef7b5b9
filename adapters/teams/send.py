"""Deliver neutral replies to Teams: in a turn, proactively, into threads and to personal chats.

Every post goes straight to the connector (`POST /v3/conversations/{id}/activities[/{replyTo}]`)
through `Connector` (one aiohttp session) and the retry wrapper, so one code path serves
replies and proactive posts; no botbuilder turn or msrest model is involved. Teams has no
ephemeral messages: a private reply goes to the person's personal chat with the bot (a stored
reference, or one made with `POST /v3/conversations`). If that fails, the channel gets a short
notice without the private content."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

from bot.markup import plain
from bot.model import ChatKind, ConversationRef, Reply, Threading, User, Visibility
from bot.prompts import EN, PromptPack, speaking
from bot.store import Store

from ..links import FileLinks
from .connector import Connector
from .events import THREAD_MARK
from .files import file_message
from .render import message_json
from .retry import RetryPolicy, retrying, surely_not_done
from .typed import reply_as_typed

log = logging.getLogger(__name__)
PERSONAL_TABLE = "teams_personal"
# The locales a conversation's own posts are written in (`core.languages.channel_locales`).
ChannelLocales = Callable[[ConversationRef], Awaitable[tuple[str, ...]]]


async def _english(ref: ConversationRef) -> tuple[str, ...]:
    return (EN,)


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


DEFAULT_LOCALE = "en-GB"  # when nobody's own language tag is known (a post to a channel)


def locale_tag(user: User | None) -> str:
    """The language tag of a post: the person's own (`cy-GB`) when Teams gave it, else ours."""
    if user is not None and user.locale:
        return user.locale
    return DEFAULT_LOCALE


def addressed(
    body: dict[str, Any], target: Target, bot_id: str | None, to: User | None = None
) -> dict[str, Any]:
    """A message body with its addressing, as botbuilder's ConnectorClient would send it after
    `apply_conversation_reference`: conversation, from (the bot), recipient (the person it
    answers or writes to; a post to a whole channel has none) and locale."""
    activity = {**body, "conversation": {"id": target.conversation_id}}
    if bot_id:
        activity["from"] = {"id": bot_id}
    if to is not None and to.id:
        activity["recipient"] = {"id": to.id, **({"name": to.name} if to.name else {})}
    activity["locale"] = locale_tag(to)
    if target.reply_to_id:
        activity["replyToId"] = target.reply_to_id
    return activity


def personal_chat_parameters(ref: ConversationRef, user: User) -> dict[str, Any]:
    """The ConversationParameters that open a personal chat between the bot and `user`."""
    params: dict[str, Any] = {
        "isGroup": False,
        "bot": {"id": ref.bot_id},
        "members": [{"id": user.id}],
    }
    tenant = ref.workspace if ref.workspace != "default" else None
    if tenant:
        params["tenantId"] = tenant  # as the Bot Connector's ConversationParameters spell it
        params["channelData"] = {"tenant": {"id": tenant}}
    return params


class Outbound:
    """Posts replies through the connector, with retries and privacy rules."""

    def __init__(
        self,
        connector: Connector,
        *,
        store: Store,
        pack: PromptPack,
        policy: RetryPolicy | None = None,
        files: FileLinks | None = None,
        public_url: str = "",
        channel_locales: ChannelLocales = _english,
    ) -> None:
        self.connector = connector
        self.channel_locales = channel_locales
        self.store = store
        self.pack = pack
        self.policy = policy or RetryPolicy()
        self.files = files  # a reply's file is sent as a link to it (adapters.links)
        self.public_url = public_url.rstrip("/")
        # Private replies held back because no personal chat could be opened, per scope.
        self.unreachable: Counter[str] = Counter()

    def message(self, reply: Reply, kind: ChatKind) -> dict[str, Any]:
        """The body of a post of `reply` in a chat of `kind` (commands written as typed there);
        a reply's file becomes a card with a link to it (`files.file_message`)."""
        with speaking(reply.locale or EN):  # the adapter's own words in the reply's language
            typed = reply_as_typed(reply, direct=kind == ChatKind.DIRECT)
            if typed.file is not None:
                url = None
                if self.files is not None and self.public_url:
                    url = self.public_url + self.files.put(typed.file)
                return file_message(typed, url, self.pack)
            return message_json(typed, required_message=self.pack.say("teams.form.required"))

    async def close(self) -> None:
        await self.connector.close()

    # ---- the wire --------------------------------------------------------------------------

    async def post(
        self,
        service_url: str,
        target: Target,
        body: dict[str, Any],
        bot_id: str | None,
        to: User | None = None,
    ) -> str | None:
        """Post one message, at most once: retried only when Teams surely did nothing (429,
        a connection that never opened); a final failure or an unknown outcome is logged as
        not delivered (never hidden). `to` is the person it answers or writes to."""
        activity = addressed(body, target, bot_id, to)

        async def call() -> dict[str, Any]:
            return await self.connector.send(
                service_url, target.conversation_id, activity, target.reply_to_id
            )

        try:
            response = await retrying(call, self.policy, f"a post to {target.conversation_id}")
        except Exception as exc:
            log.error(
                "Not delivered to Teams conversation %s%s: %s",
                target.conversation_id,
                "" if surely_not_done(exc) else " (Teams may have shown it; not repeated)",
                _why(exc),
            )
            return None
        return str(response.get("id") or "")

    async def update(
        self,
        service_url: str,
        conversation_id: str,
        message_id: str,
        body: dict[str, Any],
        to: User | None = None,
    ) -> bool:
        """Replace a posted card in place (everyone sees the new card)."""
        activity = {**addressed(body, Target(conversation_id), None, to), "id": message_id}

        async def call() -> dict[str, Any]:
            return await self.connector.update(service_url, conversation_id, message_id, activity)

        try:
            await retrying(call, self.policy, f"an update in {conversation_id}", idempotent=True)
        except Exception as exc:
            log.error("Could not update a card in %s: %s", conversation_id, _why(exc))
            return False
        return True

    # ---- proactive ---------------------------------------------------------------------------

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """Post `reply` to `ref` (channel, thread or chat) without an incoming message."""
        if not ref.endpoint:
            log.error("Cannot post to Teams conversation %s: no service URL stored", ref.channel)
            return None
        if reply.private and not self._same_private_chat(ref, reply.recipient):
            return await self.private(ref, reply.recipient, reply, notice=None)
        return await self.post(
            ref.endpoint,
            proactive_target(ref, reply),
            self.message(reply, ref.kind),
            ref.bot_id,
            reply.recipient,
        )

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
        public_notice: bool = True,
    ) -> str | None:
        """Deliver a private reply in `user`'s personal chat. If impossible, post a notice
        without the private content in `ref` (through `notice`, or proactively); without
        `public_notice` (a reply nobody asked for, such as a jargon tip), post nothing at all
        and count it in `unreachable` and the log."""
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
        if not public_notice:
            self.unreachable[ref.scope] += 1
            log.warning(
                "No personal chat with %s in %s: an unasked-for private reply was not posted "
                "(nothing public; %d so far in this workspace)",
                user.id,
                ref.scope,
                self.unreachable[ref.scope],
            )
            return None
        log.warning(
            "No personal chat with %s in %s: posting a notice instead of a private reply",
            user.id,
            ref.scope,
        )
        posted = await self._unavailable_notice(ref, user)
        if notice is not None:
            await notice(posted)
        else:
            await self.send(ref, posted)
        return None

    async def _unavailable_notice(self, ref: ConversationRef, user: User) -> Reply:
        """The channel post saying a private reply could not be sent: in the channel's
        language (Welsh, then English, in a bilingual channel), like every channel post."""
        locales = await self.channel_locales(ref)
        versions = []
        for locale in locales:
            with speaking(locale):
                name = plain(user.name, limit=100) or self.pack.say("teams.someone")
                versions.append(self.pack.say("teams.private_unavailable", name=name))
        return Reply(text="\n\n".join(dict.fromkeys(versions)), locale=locales[0])

    async def _create_personal_chat(
        self, ref: ConversationRef, user: User, reply: Reply
    ) -> str | None:
        if not ref.endpoint or not ref.bot_id:
            return None
        service_url = ref.endpoint
        params = personal_chat_parameters(ref, user)

        async def create() -> dict[str, Any]:
            return await self.connector.create_conversation(service_url, params)

        try:
            # Teams answers the same personal chat every time: safe to repeat.
            created = await retrying(
                create, self.policy, "opening a personal chat", idempotent=True
            )
        except Exception as exc:
            log.warning("Could not open a personal chat with %s: %s", user.id, _why(exc))
            return None
        conversation_id = created.get("id")
        if not isinstance(conversation_id, str) or not conversation_id:
            log.warning("Opening a personal chat with %s gave no conversation id", user.id)
            return None
        personal = ConversationRef(
            platform=ref.platform,
            workspace=ref.workspace,
            channel=conversation_id,
            kind=ChatKind.DIRECT,
            endpoint=service_url,
            bot_id=ref.bot_id,
        )
        if reply.remember_chat:  # not for the `forget me` confirmation
            await remember_personal(self.store, personal, user)
        return await self.post(
            service_url,
            Target(conversation_id),
            self.message(_as_public(reply), ChatKind.DIRECT),
            ref.bot_id,
            user,
        )


async def remember_personal(store: Store, personal: ConversationRef, user: User) -> None:
    """Keep the newest personal chat reference for `user` (keyed by scope and user id).
    Writes only when something changed: this runs on every personal message."""
    key = personal_key(personal.scope, user.id)
    personal = personal.in_thread(None)
    stored = await store.get(PERSONAL_TABLE, key)
    if (
        stored is not None
        and stored.get("user") == user.id
        and stored.get("scope") == personal.scope
        and ConversationRef.from_dict(stored) == personal
    ):
        return
    await store.put(
        PERSONAL_TABLE, key, {**personal.to_dict(), "scope": personal.scope, "user": user.id}
    )


def _as_public(reply: Reply) -> Reply:
    """The same reply, for a conversation that is already private."""
    return replace(reply, visibility=Visibility.PUBLIC, threading=Threading.CHANNEL, to=None)


def _why(exc: BaseException) -> str:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return f"HTTP {status}" if status else f"{type(exc).__name__}: {exc}"
