"""Hostile text (tests/fixtures/injection.json) as admin prompt wording and as glossary
meanings, rendered through Teams and checked at the wire: no mention entities, no live
markdown links, no `<at>`, no zero-width or bidi characters, and the text shown as typed."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.teams.text import LOOKALIKE
from bot.admin.validate import prompt_text
from bot.clock import FakeClock
from bot.settings import Settings
from tests.injection import INVISIBLE, cases

from .conftest import Teams, running
from .fake_connector import FakeConnector

ADMIN = "29:1alex-teams-id"
TEAMS_AT = re.compile(r"<at>(.*?)</at>")
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
BACK = {v: k for k, v in LOOKALIKE.items()}


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    configured = settings.model_copy(update={"COPROD_ADMINS": f"teams:{ADMIN}"})
    async for teams in running(configured, clock, connector):
        yield teams


def shown_text(body: dict[str, Any]) -> str:
    """Every string a reader could see in a posted activity, look-alikes turned back."""
    texts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "title", "value", "label", "fallbackText", "summary"):
                    if isinstance(value, str):
                        texts.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(body)
    return "".join(BACK.get(ch, ch) for ch in "\n".join(texts))


PLACEHOLDER = re.compile(r"<[a-z][a-z ,0-9-]*>")


def assert_inert(body: dict[str, Any]) -> None:
    raw = json.dumps(body, ensure_ascii=False)
    assert not any(e.get("type", "").lower() == "mention" for e in body.get("entities") or [])
    assert "<at" not in raw.lower()
    assert not INVISIBLE.search(raw), "an invisible character got through"
    for attachment in body.get("attachments") or []:
        card = json.dumps(without_placeholders(attachment["content"]), ensure_ascii=False)
        assert not LINK.search(card), card[:300]
        assert "<" not in card and ">" not in card, card[:300]  # no markup in card text


def without_placeholders(node: Any) -> Any:
    """The card less our own placeholders (`<id>`) in code: a Monospace TextRun is never
    read as markup, and an untrusted `<` `>` there is a look-alike (adapters/teams/rich.py)."""
    if isinstance(node, dict):
        if node.get("type") == "TextRun" and node.get("fontType") == "Monospace":
            return {**node, "text": PLACEHOLDER.sub("", node["text"])}
        return {k: without_placeholders(v) for k, v in node.items()}
    if isinstance(node, list):
        return [without_placeholders(v) for v in node]
    return node


async def say(teams: Teams, text: str, channel: str) -> list[dict[str, Any]]:
    """`@coprod <text>` in `channel`; the bodies of what was posted back."""
    activity = teams.activity("channel_mention", text=f"<at>coprod</at> {text}")
    activity["conversation"]["id"] = f"{channel};messageid={activity['id']}"
    activity["channelData"]["channel"]["id"] = channel
    before = len(teams.connector.calls)
    status, _ = await teams.post(activity)
    assert status == 201
    return [c.body for c in teams.connector.calls[before:] if "/activities" in c.path]


async def test_hostile_prompts_and_glossary_meanings_render_inert(admin_teams: Teams) -> None:
    teams = admin_teams
    for i, case in enumerate(cases(include_too_long=False)):
        # Teams marks a mention as <at>name</at>; the adapter passes on the name alone.
        cleaned = prompt_text(TEAMS_AT.sub(r"\1", case["text"]))
        channel = f"19:injection{i}@thread.tacv2"  # one channel each: short prompt lists
        added = await say(teams, f"admin prompts add 4 reflection {case['text']}", channel)
        listing = await say(teams, "admin prompts 4 reflection", channel)
        await say(teams, f"glossary add QX{i} = {case['text']}", channel)
        glossary = await say(teams, "glossary", channel)
        for body in (*added, *listing, *glossary):
            assert_inert(body)
        assert cleaned in shown_text(listing[0]), case["name"]
        assert cleaned in shown_text(added[0]), case["name"]
        assert cleaned in shown_text(glossary[0]), case["name"]
