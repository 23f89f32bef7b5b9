"""What a command or listener gets: the event, who and where, the services, and reply helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import (
    Card,
    ConversationRef,
    Event,
    File,
    Reply,
    Threading,
    User,
    Visibility,
)

if TYPE_CHECKING:
    from .channel_settings import ChannelSettings
    from .core import Core
    from .prompts import PromptPack
    from .prompts.models import Kind, Prompt
    from .store import Store


@dataclass
class Context:
    """One event being handled. Handlers read from here and return a list of Replies."""

    core: Core
    event: Event

    @property
    def ref(self) -> ConversationRef:
        return self.event.ref

    @property
    def user(self) -> User | None:
        return self.event.user

    @property
    def pack(self) -> PromptPack:
        return self.core.pack

    @property
    def store(self) -> Store:
        return self.core.store

    @property
    def settings(self) -> ChannelSettings:
        """This channel's settings (channel, then workspace, then default)."""
        return self.core.channel_settings

    async def setting(self, name: str) -> object:
        return await self.core.channel_settings.get(self.ref, name)

    async def user_code(self, purpose: str) -> str:
        """A salted one-way code for the person who acted, for one purpose."""
        assert self.user is not None, "no person on this event"
        return await self.core.identity.code(self.ref, self.user, purpose)

    async def prompts(self, kind: Kind, number: int | None = None) -> list[Prompt]:
        """The effective prompts of `kind` here, for one principle or all eight: this channel's
        changes, then the workspace's, then the operator's pack, then the shipped default.
        Disabled prompts are left out and admin-added ones included. Every text is safe to put
        in card markdown as it is (admin wording arrives escaped with `plain()`)."""
        return await self.core.prompt_overrides.effective(self.ref, kind, number)

    def say(self, message_id: str, /, **values: object) -> str:
        """A message from `prompts/messages`, with its placeholders filled."""
        return self.core.pack.say(message_id, **values)

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
