"""The card catalogue runs, and every card in it has a title and fallback text."""

from __future__ import annotations

from pathlib import Path

from bot.model import Form
from tests.catalogue import cards


async def test_every_catalogue_card_has_fallback_text(tmp_path: Path) -> None:
    seen = {}
    async for name, card in cards(tmp_path):
        assert card.title and card.fallback_text, name
        seen[name] = card
    assert {"help", "principles", "principle-5", "privacy"} <= set(seen)
    assert {
        "check-round",
        "check-form",
        "check-closed",
        "check-results",
        "check-results-gap",
        "check-close-confirm",
        "check-delete-confirm",
        "report",
    } <= set(seen)
    assert seen["check-round"].id == "check.round"
    assert any(isinstance(b, Form) for b in seen["check-form"].blocks)
    assert seen["check-results"].id == "check.results"
    assert "widest gap" in str(seen["check-results-gap"].blocks)
    assert seen["check-self-results"].id == "check.self"
