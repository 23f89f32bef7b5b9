"""The largest `admin prompts` list: 100 admin-added prompts of the longest wording, full of
characters that renderers rewrite (escaped markup, Welsh letters, emoji)."""

from __future__ import annotations

import re

from bot.admin.validate import MAX_PROMPT
from bot.model import ConversationRef, Platform
from runtime.server import Runtime

KINDS = ("reflection", "reminder", "next_step")
PROMPT_ID = re.compile(r"\bp\d\.[a-z_]+(?:\.[a-z0-9]+)?")


def wording(i: int) -> str:
    """300 characters that expand when rendered: escaped markup, Welsh letters, emoji."""
    seed = f"Q{i} did_every_one get *a* turn <to> speak [ŵ ŷ] 🌈 & "
    return (seed * 20)[:MAX_PROMPT].strip()


async def seed(runtime: Runtime, workspace: str, platform: Platform) -> None:
    ref = ConversationRef(platform, workspace, "anywhere")
    for i in range(100):
        await runtime.core.prompt_overrides.add(
            ref,
            channel=False,
            number=i % 8 + 1,
            kind=KINDS[i % 3],
            text=wording(i),
            by="test",
            at="2026-12-01T00:00:00+00:00",
            answer="talk" if KINDS[i % 3] == "reflection" else None,
        )


async def every_id(runtime: Runtime, workspace: str, platform: Platform) -> set[str]:
    ref = ConversationRef(platform, workspace, "anywhere")
    return {e.id for e in await runtime.core.prompt_overrides.entries(ref, channel=False)}
