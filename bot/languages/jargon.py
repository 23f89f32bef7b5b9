"""Jargon tips in Welsh channels: off by default, because the shipped lists are English only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..prompts.locale import CY

if TYPE_CHECKING:
    from ..channel_settings import ChannelSettings
    from ..model import ConversationRef
    from ..prompts import PromptPack
    from .resolve import Languages


class TipsServices(Protocol):
    """The services the tips mode reads (`bot.services.Services` has them)."""

    @property
    def pack(self) -> PromptPack: ...
    @property
    def languages(self) -> Languages: ...


class Here(Protocol):
    """What the tips mode needs of a handler's context (`bot.context.Context`)."""

    @property
    def ref(self) -> ConversationRef: ...
    @property
    def settings(self) -> ChannelSettings: ...
    @property
    def core(self) -> TipsServices: ...


MODE = "jargon.mode"


async def tips_mode(ctx: Here) -> str:
    """The jargon tips mode here. A channel whose posts include Welsh has tips off unless an
    admin set a mode for it (or its workspace), or the pack has a Welsh list (`jargon/cy/`)."""
    found = await ctx.settings.resolve(ctx.ref, MODE)
    if found.source != "default" or CY in ctx.core.pack.jargon_languages:
        return str(found.value)
    if CY in await ctx.core.languages.channel_locales(ctx.ref):
        return "off"
    return str(found.value)
