"""Jargon tips in Welsh channels: off by default, because the shipped lists are English only."""

from __future__ import annotations

from ..context import Context
from ..prompts.locale import CY

MODE = "jargon.mode"


async def tips_mode(ctx: Context) -> str:
    """The jargon tips mode here. A channel whose posts include Welsh has tips off unless an
    admin set a mode for it (or its workspace), or the pack has a Welsh list (`jargon/cy/`)."""
    found = await ctx.settings.resolve(ctx.ref, MODE)
    if found.source != "default" or CY in ctx.core.pack.jargon_languages:
        return str(found.value)
    if CY in await ctx.core.languages.channel_locales(ctx.ref):
        return "off"
    return str(found.value)
