"""Helpers for the check tests: answering by form or by text through the local API."""

from __future__ import annotations

from typing import Any

from tests.conftest import Chat

ROUND1 = "local:local:general#1"
ROUND2 = "local:local:general#2"


def form(scores: str, role: str = "", round_key: str = ROUND1) -> dict[str, str]:
    """The values a filled-in check form sends: p1…p8, role and the round."""
    values = {f"p{n}": s for n, s in enumerate(scores.split(), start=1)}
    return {"round": round_key, **values, **({"role": role} if role else {})}


async def submit(
    chat: Chat, user: str, scores: str, role: str = "", round_key: str = ROUND1, **kw: Any
) -> list[dict[str, Any]]:
    return await chat.click("check.submit", form(scores, role, round_key), user=user, **kw)


def cards_with(replies: list[dict[str, Any]], card_id: str) -> list[dict[str, Any]]:
    return [r["card"] for r in replies if r["card"] and r["card"]["id"] == card_id]


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(str(b.get("text", "")) for b in card["blocks"])
