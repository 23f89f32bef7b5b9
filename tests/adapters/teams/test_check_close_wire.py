"""The check's confirm steps and closing on its own, at the Teams wire: `check close` below the
minimum sends a private card with a button (Action.Execute, in the person's own chat), the
closing post still lands in the channel; `admin check delete` asks first; and a round reaching
its closing time is closed by the scheduler, posted once through the real connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.clock import FakeClock
from bot.nudges.scheduler import Scheduler
from bot.settings import Settings

from .conftest import FakeConnector, Teams, as_person, in_personal_chat, running
from .test_check_wire import ALEX, RESPONDENTS, actions, answer, open_round
from .test_wire import CHANNEL, THREAD, card_of, card_text, said


@pytest.fixture
async def admin_teams(
    settings: Settings, clock: FakeClock, connector: FakeConnector
) -> AsyncIterator[Teams]:
    configured = settings.model_copy(
        update={"COPROD_ADMINS": f"teams:{ALEX}", "MICROSOFT_APP_TENANT_ID": ""}
    )
    async for teams in running(configured, clock, connector):
        yield teams


async def say(teams: Teams, text: str) -> None:
    status, _ = await teams.send("channel_mention", text=f"<at>coprod</at> {text}")
    assert status == 201


async def press(teams: Teams, button: dict[str, Any], conversation: str) -> dict[str, Any]:
    """Alex presses `button` on a card in their personal chat with the bot."""
    activity = as_person(teams.activity("execute_action"), ALEX, "Alex")
    activity = in_personal_chat(activity, conversation)
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": button["verb"], "data": button["data"]},
        "trigger": "manual",
    }
    status, body = await teams.post(activity)
    assert status == 200 and body["statusCode"] == 200
    return body


def last_card_in(teams: Teams, conversation: str) -> dict[str, Any]:
    [*_, post] = [c for c in teams.connector.delivered() if c.conversation == conversation]
    return card_of(post.body)


async def test_closing_below_the_minimum_asks_first_with_a_button(teams: Teams) -> None:
    pack = teams.runtime.core.pack
    round_key = (await open_round(teams))["data"]["round"]
    for user in list(RESPONDENTS)[:2]:
        await answer(teams, user, round_key)
    await say(teams, "check close")
    personal = f"a:personal-{ALEX}"
    card = last_card_in(teams, personal)  # private: Alex's own chat, never the channel
    assert "has 2 of the 5 answers needed" in card_text(card)
    (button,) = actions(card)
    assert button["verb"] == "check.close" and button["style"] == "destructive"
    assert button["title"] == pack.say("check.close.confirm_button")
    assert not [c for c in teams.connector.delivered() if c.conversation == THREAD][1:]

    before = len(teams.connector.delivered())
    body = await press(teams, button, personal)
    # The confirm card is replaced, for Alex alone, by the short note.
    assert card_text(body["value"]) == pack.say("check.close.confirmed", seq=1)
    # The closing post goes to the round's channel, not to the personal chat.
    [post] = teams.connector.delivered()[before:]
    assert post.conversation == CHANNEL
    assert post.body["text"] == pack.say("check.close.too_few_by_hand", seq=1, count=2, minimum=5)
    assert await teams.runtime.store.count("check_answers") == 0


async def test_an_admin_deletes_results_after_confirming(admin_teams: Teams) -> None:
    teams = admin_teams
    pack = teams.runtime.core.pack
    round_key = (await open_round(teams))["data"]["round"]
    for user in RESPONDENTS:
        await answer(teams, user, round_key)
    await say(teams, "check close")
    await say(teams, "admin check delete 1")
    personal = f"a:personal-{ALEX}"
    card = last_card_in(teams, personal)
    assert "cannot be undone" in card_text(card)
    (button,) = actions(card)
    assert button["verb"] == "check.delete"
    assert await teams.runtime.store.count("check_rounds", status="closed") == 1
    body = await press(teams, button, personal)
    assert card_text(body["value"]) == pack.say("admin.check.deleted", seq=1)
    assert await teams.runtime.store.count("check_rounds", status="deleted") == 1
    await say(teams, "report")
    assert "no check results" in str(teams.connector.delivered()[-1].body)


async def test_a_round_closes_on_its_own_and_posts_once(teams: Teams, clock: FakeClock) -> None:
    pack = teams.runtime.core.pack
    scheduler = Scheduler(teams.runtime.core)
    await scheduler.start()
    round_key = (await open_round(teams))["data"]["round"]
    opened = [c for c in teams.connector.delivered() if c.conversation == f"a:personal-{ALEX}"]
    assert "closes on its own on Monday 12 January at 09:00" in said(opened[-1].body)
    for user in RESPONDENTS:
        await answer(teams, user, round_key)
    before = len(teams.connector.delivered())
    clock.advance(days=7)
    assert (await scheduler.tick()).sent == 1
    [post] = teams.connector.delivered()[before:]
    assert post.conversation == CHANNEL
    text = card_text(card_of(post.body))
    assert pack.say("check.close.done_on_time", seq=1, count=5) in text
    assert "Embed Co-production" in text
    clock.advance(minutes=5)
    assert (await scheduler.tick()).sent == 0
    assert (await Scheduler(teams.runtime.core).tick()).sent == 0  # a restart: nothing more
    assert len(teams.connector.delivered()) == before + 1
