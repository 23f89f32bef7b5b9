"""How a chart names a principle: its number and title (`charts.principle`), in any chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..prompts import PromptPack


def principle_label(pack: PromptPack, n: int) -> str:
    return pack.say("charts.principle", number=n, title=pack.principle(n).title)
