"""Which locale a person reads privately, and which locales a channel's posts are written in.

A person: their own choice (`language …`), else the platform's locale (Teams sends one on each
activity; Slack's `users.info` has one), else the channel's language, else English. A channel:
its `admin language` setting (`cy`, `en`, `easy`, or `both`: Welsh first, then English)."""

from __future__ import annotations

from typing import Any

from ..channel_settings import ChannelSettings
from ..identity import Identity
from ..model import ConversationRef, User
from ..prompts.locale import CY, EASY, EN, LOCALES, from_platform
from ..store import Store
from .choice import Choices

SETTING = "language"
# The setting's values and the locales a post is written in, in order.
CHANNEL_LOCALES: dict[str, tuple[str, ...]] = {
    "en": (EN,),
    "cy": (CY,),
    "easy": (EASY,),
    "both": (CY, EN),
}
SETTINGS: dict[str, Any] = {SETTING: "en"}  # the Core declares it


class Languages:
    """Resolves locales for people and channels; keeps people's choices."""

    def __init__(self, store: Store, identity: Identity, settings: ChannelSettings) -> None:
        self.choices = Choices(store, identity)
        self.settings = settings

    async def channel_locales(self, ref: ConversationRef) -> tuple[str, ...]:
        """The locales of this channel's posts (one, or Welsh then English)."""
        value = await self.settings.get(ref, SETTING)
        return CHANNEL_LOCALES.get(str(value), (EN,))

    async def person_locale(self, ref: ConversationRef, user: User | None) -> str:
        """The locale of this person's private replies here. In a bilingual channel, someone
        who has said nothing and whose platform names no language reads English (one locale
        per private reply); `language cymraeg` switches."""
        if user is not None:
            chosen = await self.choices.get(ref, user)
            if chosen in LOCALES:
                return chosen
            platform = from_platform(user.locale)
            if platform is not None:
                return platform
        channel = await self.channel_locales(ref)
        return channel[0] if len(channel) == 1 else EN
