"""The card catalogue runs, and every card in it has a title and fallback text."""

from __future__ import annotations

from pathlib import Path

from tests.catalogue import cards


async def test_every_catalogue_card_has_fallback_text(tmp_path: Path) -> None:
    seen = []
    async for name, card in cards(tmp_path):
        assert card.title and card.fallback_text, name
        seen.append(name)
    assert {"help", "principles", "principle-5", "privacy"} <= set(seen)
