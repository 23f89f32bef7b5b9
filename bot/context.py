"""What a command or listener gets: the event, who and where, the services, and reply helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import (
    Card,
    ConversationRef,
    Event,
    File,
    Mention,
    Reply,
    Threading,
    User,
    Visibility,
)

if TYPE_CHECKING:
    from .channel_settings import ChannelSettings
    from .languages.posting import Build
    from .prompts import PromptPack
    from .prompts.models import Kind, Prompt
    from .services import Services
    from .store import Store


@dataclass
class Context:
    """One event being handled. Handlers read from here and return a list of Replies."""

    core: Services  # the core that handles it (`bot.core.Core`)
    event: Event
    # The locale of this person's private replies (set by the core before the handler runs).
    locale: str = "en"

    @property
    def ref(self) -> ConversationRef:
        return self.event.ref

    @property
    def user(self) -> User | None:
        return self.event.user

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The people the event's text names, as the adapter resolved them (none on a card)."""
        found: tuple[Mention, ...] = getattr(self.event, "mentions", ())
        return found

    @property
    def pack(self) -> PromptPack:
        """The prompt pack in the locale being written in now."""
        return self.core.pack.here()

    @property
    def store(self) -> Store:
        return self.core.store

    @property
    def settings(self) -> ChannelSettings:
        """This channel's settings (channel, then workspace, then default)."""
        return self.core.channel_settings

    async def setting(self, name: str) -> object:
        return await self.core.channel_settings.get(self.ref, name)

    async def number_setting(self, name: str) -> int:
        """A whole-number setting's value in this channel (the settings validate it as one)."""
        value = await self.setting(name)
        return value if isinstance(value, int) else int(str(value))

    async def user_code(self, purpose: str) -> str:
        """A salted one-way code for the person who acted, for one purpose."""
        assert self.user is not None, "no person on this event"
        return await self.core.identity.code(self.ref, self.user, purpose)

    async def prompts(self, kind: Kind, number: int | None = None) -> list[Prompt]:
        """The effective prompts of `kind` here, for one principle or all eight: this channel's
        changes, then the workspace's, then the operator's pack, then the shipped default.
        Disabled prompts are left out and admin-added ones included. Every text is safe to put
        in card markdown as it is (admin wording arrives escaped with `plain()`). They are in
        the locale being written in now."""
        return await self.core.prompt_overrides.effective(self.ref, kind, number)

    def say(self, message_id: str, /, **values: object) -> str:
        """A message from `prompts/messages` in the locale being written in (the person's
        for private replies; inside `channel_post`, the channel's), placeholders filled."""
        return self.core.pack.say(message_id, **values)

    async def channel_locales(self) -> tuple[str, ...]:
        """The locales this conversation's posts are written in. A direct chat is the
        person's own, so it follows them."""
        if self.ref.is_direct:
            return (self.locale,)
        return await self.core.languages.channel_locales(self.ref)

    async def channel_post(self, build: Build) -> list[Reply]:
        """Replies for everyone in the conversation (check cards, results, nudges, the
        principles), in the channel's language; in a bilingual channel, Welsh then English in
        one post. `build()` is called once per locale and must only build the replies."""
        from .languages.posting import in_locales

        return await in_locales(await self.channel_locales(), build)

    def reply(
        self,
        text: str = "",
        *,
        card: Card | None = None,
        private: bool = False,
        thread: bool = False,
        to: ConversationRef | None = None,
        replace_card: bool = False,
        file: File | None = None,
    ) -> Reply:
        """A reply to this event. Private replies go to the person who acted; a reply with a
        file is always private."""
        private = private or file is not None
        return Reply(
            text=text,
            card=card,
            visibility=Visibility.PRIVATE if private else Visibility.PUBLIC,
            threading=Threading.THREAD if thread else Threading.CHANNEL,
            recipient=self.user if private else None,
            to=to,
            replace_card=replace_card,
            file=file,
        )

    async def is_admin(self) -> bool:
        return await self.core.rights.is_admin(self.ref, self.user)
