"""Issue 16 §4 made certain without a Teams client: every Teams message with code (cards, and
the text replies sent as cards, `render.text_card`) rendered by Microsoft's own Adaptive Cards
renderer (the `adaptivecards` npm package, vendored) in real Chromium. What a person can select
and copy from each monospace run is exactly the value the bot wrote (a `<zone>` placeholder
stays, `New_York` keeps its underscore), and a copied command runs again."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from adapters.teams.render import card_json, message_json
from bot.markup import unescape
from bot.model import Reply
from tests.adapters.test_copy_safe import CODE, core_values
from tests.admin.conftest import make_bot
from tests.catalogue import cards
from tests.words import TEAMS_REQUIRED

RENDERER = Path(__file__).resolve().parent / "vendor" / "adaptivecards.min.js"
TYPED = [
    "admin timezone Mars/Olympus_Mons",  # refused: the correct form, `admin timezone <zone>`
    "admin timezone America/New_York",
    "admin timezone",
    "admin audit lots",  # refused: `admin audit <how many>`
    "jargon tips on",
]
# The text a person selects in each monospace run of the rendered card.
COPIED = """(card) => {
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  const adaptive = new AdaptiveCards.AdaptiveCard();
  adaptive.parse(card);
  host.appendChild(adaptive.render());
  return [...host.querySelectorAll('span')]
    .filter((s) => getComputedStyle(s).fontFamily.includes('monospace'))
    .map((s) => s.textContent);
}"""


def _run(work: Coroutine[Any, Any, Any]) -> Any:
    """Run `work` to its end in a thread of its own (Playwright's sync API owns this loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _made(tmp_path: Path) -> tuple[list[tuple[str, Reply]], list[tuple[str, Any]]]:
    bot = await make_bot(tmp_path / "bot")
    replies = [(typed, (await bot.run(typed))[0]) for typed in TYPED]
    catalogue = [(name, card) async for name, card in cards(tmp_path / "catalogue")]
    return replies, catalogue


def test_what_people_copy_from_teams_is_what_the_bot_accepts(
    browser: Browser, tmp_path: Path
) -> None:
    replies, catalogue = _run(_made(tmp_path))
    page = browser.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(RENDERER))
    copied_commands: list[str] = []
    for typed, reply in replies:
        assert reply.card is None and CODE.search(reply.text), typed  # a text reply with code
        card = message_json(reply, required_message=TEAMS_REQUIRED)["attachments"][0]["content"]
        copied = page.evaluate(COPIED, card)
        assert copied == [unescape(v) for v in CODE.findall(reply.text)], typed
        copied_commands += [v for v in copied if v.startswith("/coprod ")]
        if typed == TYPED[0]:
            assert "admin timezone <zone>" in copied  # the placeholder, as written
        if typed == TYPED[1]:
            assert "America/New_York" in copied
    seen = 0
    for name, card in catalogue:
        wanted = core_values(card)
        seen += len(wanted)
        rendered = card_json(card, required_message=TEAMS_REQUIRED)
        assert page.evaluate(COPIED, rendered) == wanted, name
    assert seen > 50
    page.close()
    assert copied_commands
    _run(_run_again(tmp_path, copied_commands))


async def _run_again(tmp_path: Path, commands: list[str]) -> None:
    bot = await make_bot(tmp_path / "again")
    for command in commands:
        replies = await bot.run(command.removeprefix("/coprod "))
        assert replies and not any(r.is_error for r in replies), (command, replies[0].text)
