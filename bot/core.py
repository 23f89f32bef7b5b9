"""The core: takes a neutral event, runs the matching command or listeners, returns replies."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .adapter import Adapter
from .anonymity import SETTINGS as ANONYMITY_SETTINGS
from .channel_settings import ChannelSettings
from .clock import Clock, SystemClock
from .context import Context
from .feature import Feature
from .identity import Identity
from .languages import Languages
from .languages.posting import written_in
from .languages.resolve import SETTINGS as LANGUAGE_SETTINGS
from .markup import plain
from .model import (
    CardAction,
    Command,
    ConversationRef,
    Event,
    Platform,
    Reply,
    User,
    Visibility,
)
from .parse import split_command, suggest
from .prompts import PromptPack
from .prompts.locale import EN, speaking
from .prompts.overrides import PromptOverrides
from .registry import Registry
from .rights import Rights
from .schedule import SETTINGS as SCHEDULE_SETTINGS
from .scheduling.slots import SlotTable
from .settings import Settings
from .store import Store

log = logging.getLogger(__name__)
REFS_TABLE = "conversations"
PERSON_PURPOSE = "direct-chat"  # the one-way code that ties a direct chat to its person
ECHO_LIMIT = 40  # characters of an unknown command repeated back
# The channel settings of the shared services (features declare theirs in their `Feature`).
SHARED_SETTINGS = {**SCHEDULE_SETTINGS, **ANONYMITY_SETTINGS, **LANGUAGE_SETTINGS}


class Core:
    """Platform-neutral bot. Adapters call `handle`; the scheduler calls `send`."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        pack: PromptPack,
        clock: Clock | None = None,
        features: Iterable[Feature] = (),
    ) -> None:
        self.settings = settings
        self.store = store
        self.pack = pack
        self.clock: Clock = clock or SystemClock()
        self.rights = Rights(store, settings.admins)
        self.identity = Identity(store, settings.salt)
        self.prompt_overrides = PromptOverrides(store, pack)
        # The features this core runs (`runtime/` chooses them); their state is set up below.
        self.registry = Registry(features, settings=SHARED_SETTINGS)
        self.channel_settings = ChannelSettings(
            store, self.registry.settings, {"timezone": settings.COPROD_TIMEZONE}
        )
        self.languages = Languages(store, self.identity, self.channel_settings)
        # The slots any feature plans posts in (`bot/scheduling/`); the nudge scheduler fires them.
        self.slots = SlotTable(store)
        self.adapters: dict[Platform, Adapter] = {}
        self._known_refs: dict[str, tuple[ConversationRef, str | None]] = {}
        self._state: dict[str, object] = {}
        for feature in self.registry.features:
            if feature.setup is not None:
                self._state[feature.name] = feature.setup(self)

    def state(self, feature: str) -> object:
        """What feature `feature` set up for this core when it was composed."""
        try:
            return self._state[feature]
        except KeyError:
            raise LookupError(f"the {feature!r} feature is not composed into this core") from None

    def register(self, adapter: Adapter) -> None:
        """Let the core post proactively through `adapter`."""
        self.adapters[adapter.platform] = adapter

    # ---- inbound ---------------------------------------------------------------------------

    async def handle(self, event: Event) -> list[Reply]:
        """Handle one event. Never raises: a failure becomes a short private apology.
        Everything is written in the person's locale unless a handler posts for the channel."""
        ctx = Context(self, event)
        try:
            ctx.locale = await self.languages.person_locale(event.ref, event.user)
        except Exception:
            log.exception("Could not tell which language to use; using English")
            ctx.locale = EN
        with speaking(ctx.locale):
            replies = await self._handle(ctx, event)
        return [written_in(r, ctx.locale) for r in replies]

    async def _handle(self, ctx: Context, event: Event) -> list[Reply]:
        try:
            await self.remember(event.ref, event.user)
            if isinstance(event, Command | CardAction) and event.user is None:
                # No sender (a Teams activity without `from`): nothing can be done for nobody.
                log.info("A %s with no sender was not handled", type(event).__name__)
                # A click is answered where it was made (privately); a message in the chat.
                private = Visibility.PRIVATE if isinstance(event, CardAction) else Visibility.PUBLIC
                return [Reply(text=self.pack.say("error.no_person"), visibility=private)]
            if isinstance(event, Command):
                return await self._command(ctx, event)
            if isinstance(event, CardAction):
                handler = self.registry.find_action(event.action_id)
                if handler is None:
                    log.warning("No handler for card action %r", event.action_id)
                    return [ctx.reply(ctx.say("error.unknown_action"), private=True)]
                return await handler(ctx)
            replies: list[Reply] = []
            for listener in self.registry.listeners.get(type(event), []):
                replies.extend(await listener(ctx))
            return replies
        except Exception:
            log.exception("Handling %s failed", type(event).__name__)
            return [self.apology(ctx)]

    async def announce(self, ctx: Context, event: Event) -> None:
        """Tell the listeners of `event` (a neutral event such as `SettingsChanged`) what one
        handler did, in that handler's locale. What they return is not posted."""
        told = Context(self, event, locale=ctx.locale)
        for listener in self.registry.listeners.get(type(event), []):
            await listener(told)

    def apology(self, ctx: Context) -> Reply:
        return Reply(
            text=self.pack.say("error.unexpected"),
            visibility=Visibility.PRIVATE,
            recipient=ctx.user,
            is_error=True,
        )

    async def _command(self, ctx: Context, event: Command) -> list[Reply]:
        name, args = split_command(event.text)
        spec = self.registry.resolve(name or "help")
        if spec is None:
            for chat in self.registry.small_talk:
                chatted = chat(ctx, event.text)
                if chatted:
                    return chatted
            guess = suggest(name, sorted(self.registry.commands))
            typed = plain(name, limit=ECHO_LIMIT)  # what was typed comes back inert
            text = (
                ctx.say("error.unknown_command_suggest", typed=typed, suggestion=guess)
                if guess
                else ctx.say("error.unknown_command", typed=typed)
            )
            help_spec = self.registry.commands.get("help")
            replies = await help_spec.handler(ctx, "") if help_spec is not None else []
            return [ctx.reply(text, private=True), *replies]
        return await spec.handler(ctx, args)

    async def remember(self, ref: ConversationRef, person: User | None = None) -> None:
        """Keep the latest reference to each conversation, for proactive posts. Writes only
        when something changed, so the message path stays fast. A direct chat's reference
        carries a one-way code of the `person` in it, so `forget me` can find it again."""
        if ref.thread is not None:
            ref = ref.in_thread(None)
        key = ref.channel_key
        code = None
        if ref.is_direct and person is not None and person.id:
            code = await self.identity.code(ref, person, PERSON_PURPOSE)
        if self._known_refs.get(key) == (ref, code):
            return
        stored = await self.store.get(REFS_TABLE, key)
        if (
            stored is None
            or ConversationRef.from_dict(stored) != ref
            or (code is not None and stored.get("person") != code)
        ):
            doc = {**ref.to_dict(), "scope": ref.scope}
            if code is not None:
                doc["person"] = code
            elif stored is not None and stored.get("person"):
                doc["person"] = stored["person"]
            await self.store.put(REFS_TABLE, key, doc)
        self._known_refs[key] = (ref, code)

    async def forget_conversations(self, ref: ConversationRef, person: User) -> int:
        """Drop the stored references to `person`'s direct chats in this workspace (and this
        one, when they ask in a direct chat). Returns how many went."""
        code = await self.identity.code(ref, person, PERSON_PURPOSE)
        gone = await self.store.delete_where(REFS_TABLE, scope=ref.scope, person=code)
        if ref.is_direct:
            gone += int(await self.store.delete(REFS_TABLE, ref.in_thread(None).channel_key))
        self._known_refs = {
            k: v for k, v in self._known_refs.items() if v[1] != code and k != ref.channel_key
        }
        return gone

    # ---- outbound --------------------------------------------------------------------------

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """Post proactively through the adapter of `ref`'s platform."""
        adapter = self.adapters.get(ref.platform)
        if adapter is None:
            log.error("No %s adapter is running; cannot post to %s", ref.platform, ref.channel)
            return None
        return await adapter.send(ref, reply)

    async def conversation(self, channel_key: str) -> ConversationRef | None:
        stored = await self.store.get(REFS_TABLE, channel_key)
        return ConversationRef.from_dict(stored) if stored else None
