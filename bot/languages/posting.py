"""Write a channel post in the channel's language(s): build it once per locale, then merge."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from ..model import Reply
from ..prompts.locale import speaking
from .bilingual import merge

Build = Callable[[], "Awaitable[list[Reply]] | list[Reply]"]


async def in_locales(locales: Sequence[str], build: Build) -> list[Reply]:
    """`build()` run once in each of `locales` (it must only build replies, not change
    anything), the versions merged into one set of posts."""
    versions: list[list[Reply]] = []
    for locale in locales:
        with speaking(locale):
            made = build()
            if inspect.isawaitable(made):
                made = await made
        versions.append([written_in(r, locale) for r in made])
    return merge(versions)


def written_in(reply: Reply, locale: str) -> Reply:
    """`reply`, marked as written in `locale` unless it already says (a bilingual post keeps
    its first, Welsh, version's locale)."""
    return reply if reply.locale else replace(reply, locale=locale)
