"""A channel with three checks for the report tests: two with results (the second with five
partners and five staff, so they are compared), one closed with too few answers; and the
sample report (for the browser test) with actions done and dropped too."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bot.clock import FakeClock
from bot.settings import load_settings
from runtime.server import build, close, serving
from tests.check.conftest import submit, submit_all
from tests.conftest import Chat, free_port

PARTNERS = [f"p{i}.q-respondent" for i in range(5)]
STAFF = [f"s{i}.q-respondent" for i in range(5)]
TOO_FEW = 2


async def three_checks(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, PARTNERS, "1 2 3 4 0 1 2 3", "partner")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    key = "local:local:general#2"
    await submit_all(chat, PARTNERS, "1 1 2 2 3 1 2 3", "partner", round_key=key)
    await submit_all(chat, STAFF, "4 3 2 4 3 3 2 4", "staff", round_key=key)
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    for person in PARTNERS[:TOO_FEW]:
        await submit(chat, person, "4 4 4 4 4 4 4 4", round_key="local:local:general#3")
    await chat.say("/coprod check close confirm")


async def with_actions(chat: Chat) -> None:
    """Two actions done and one dropped, so the report has its "You said, we did" section."""
    await chat.say("/coprod action add Put the minutes in easy read p5")
    await chat.say("/coprod action add Pay partners within a week p2")
    await chat.say("/coprod action add Move the meeting to the library p3")
    await chat.say("/coprod action done 1 Sent as a one-page summary")
    await chat.say("/coprod action done 2")
    await chat.say("/coprod action drop 3 The library is closed on Tuesdays")


async def sample_html(folder: Path) -> str:
    """The report of `three_checks`, as `report file` sends it, from a bot on a temp store."""
    settings = load_settings(COPROD_DB=str(folder / "db.json"), COPROD_ADMINS="local:ada")
    runtime = await build(settings, clock=FakeClock())
    port = free_port()
    try:
        async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
            chat = Chat(f"http://127.0.0.1:{port}", session, runtime)
            await three_checks(chat)
            await with_actions(chat)
            (reply,) = await chat.say("/coprod report file")
            async with session.get(chat.base + reply["link"]) as resp:
                return await resp.text()
    finally:
        await close(runtime)
