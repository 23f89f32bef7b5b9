"""The co-production check on Teams at the wire: the round card in the channel, the form
opened in place for the person who clicked (Action.Execute), answers recorded anonymously,
results for the channel, double answers refused, the text form's help, and a store file
without the respondents' Teams ids."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bot.settings import Settings
from bot.store.journal import journals

from .conftest import Teams, as_person
from .test_wire import CHANNEL, THREAD, card_of, card_text, said

ALEX = "29:1alex-teams-id"  # opens the round
RESPONDENTS = {
    "29:1sam-teams-id": "Sam Jones",
    "29:1kim-teams-id": "Kim Patel",
    "29:1lee-teams-id": "Lee Wong",
    "29:1ash-teams-id": "Ash Kaur",
    "29:1ben-teams-id": "Ben Ode",
}
ANSWERS = {"p1": "2", "p2": "3", "p3": "1", "p4": "4", "p5": "0", "p6": "2", "p7": "3", "p8": "1"}


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]


async def open_round(teams: Teams) -> dict[str, Any]:
    """`@coprod check` in the channel; returns the Answer button (an Action.Execute)."""
    status, _ = await teams.send("channel_mention", text="<at>coprod</at> check")
    assert status == 201
    (card_post,) = [c for c in teams.connector.delivered() if c.conversation == THREAD]
    card = card_of(card_post.body)
    assert card["body"][0]["text"] == teams.runtime.core.pack.say("check.round.title")
    (button,) = actions(card)
    return button


async def click(teams: Teams, user: str, verb: str, data: dict[str, str]) -> dict[str, Any]:
    """An Action.Execute on the round card in the channel, by `user`; the invoke answer."""
    activity = as_person(teams.activity("execute_action"), user, RESPONDENTS.get(user, "Alex"))
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data},
        "trigger": "manual",
    }
    status, body = await teams.post(activity)
    assert status == 200 and body["statusCode"] == 200
    return body


async def answer(teams: Teams, user: str, round_key: str) -> dict[str, Any]:
    form = await click(teams, user, "check.open", {"round": round_key})
    assert form["type"] == "application/vnd.microsoft.card.adaptive"
    (submit,) = actions(form["value"])
    assert submit["verb"] == "check.submit"
    # Teams merges the inputs' values into the action's data.
    return await click(teams, user, "check.submit", {**submit["data"], **ANSWERS, "role": "staff"})


async def test_the_round_card_and_its_button(teams: Teams) -> None:
    button = await open_round(teams)
    assert button["type"] == "Action.Execute" and button["verb"] == "check.open"
    assert button["data"]["round"] == f"teams:tenant-one:{CHANNEL}#1"
    assert button["title"] == "Answer now (anonymous)"


async def test_the_form_opens_in_place_for_the_clicker_only(teams: Teams) -> None:
    button = await open_round(teams)
    posted = len(teams.connector.calls)
    body = await click(teams, "29:1sam-teams-id", "check.open", button["data"])
    assert body["type"] == "application/vnd.microsoft.card.adaptive"
    form = body["value"]
    choices = [e for e in form["body"] if e["type"] == "Input.ChoiceSet"]
    assert [c["id"] for c in choices] == [f"p{n}" for n in range(1, 9)] + ["role"]
    assert all(c["isRequired"] for c in choices[:8]) and not choices[8]["isRequired"]
    assert [o["value"] for o in choices[0]["choices"]] == ["1", "2", "3", "4", "0"]
    assert choices[8]["label"] == teams.runtime.core.pack.say("check.role.question")
    (submit,) = actions(form)
    assert submit == {
        "type": "Action.Execute",
        "title": "Send my answers",
        "verb": "check.submit",
        "data": {"round": button["data"]["round"]},
        "style": "positive",
    }
    # The form is the invoke answer, which Teams shows to the clicker alone: nothing is posted.
    assert len(teams.connector.calls) == posted


async def test_five_answers_then_results_at_close_show_all_eight_principles(
    teams: Teams,
) -> None:
    round_key = (await open_round(teams))["data"]["round"]
    posted = len(teams.connector.calls)
    shown = [await answer(teams, user, round_key) for user in RESPONDENTS]
    thanks = teams.runtime.core.pack.say("check.answer.thanks")
    assert card_text(shown[0]["value"]).startswith(thanks)
    assert "4 more needed" in card_text(shown[0]["value"])
    assert "3 more needed" in card_text(shown[1]["value"])
    # The fifth person sees thanks and the count in place of their form: never results.
    last = card_text(shown[4]["value"])
    assert thanks in last and "5 answered so far, enough for results" in last
    assert "Co-production check results" not in last
    assert len(teams.connector.calls) == posted  # answers are never posted anywhere

    status, _ = await teams.send("channel_mention", text="<at>coprod</at> check close")
    assert status == 201
    results = teams.connector.delivered()[-1]
    assert results.conversation == THREAD
    card = card_of(results.body)
    assert card["body"][0]["text"] == "Co-production check results"
    text = card_text(card)
    assert "Check 1 has ended: 5 answered" in text
    for n, title in teams.runtime.core.pack.principles.items():
        assert f"**{n}. {teams.runtime.core.pack.principle(n).title}" in text, title
    assert "entities" not in results.body


async def test_the_same_person_twice_is_refused_and_counted_once(teams: Teams) -> None:
    round_key = (await open_round(teams))["data"]["round"]
    sam = "29:1sam-teams-id"
    await answer(teams, sam, round_key)
    already = teams.runtime.core.pack.say("check.answer.already")
    again = await click(teams, sam, "check.open", {"round": round_key})
    assert again["type"] == "application/vnd.microsoft.activity.message"
    assert again["value"] == already
    resent = await click(teams, sam, "check.submit", {"round": round_key, **ANSWERS})
    assert card_text(resent["value"]) == already
    assert await teams.runtime.store.count("check_answers") == 1


async def test_a_malformed_text_answer_gets_the_correct_form_privately(teams: Teams) -> None:
    await open_round(teams)
    teams.connector.calls.clear()
    await teams.send("channel_mention", text="<at>coprod</at> check answer 9 9 yes")
    (help_post,) = teams.connector.delivered()
    assert help_post.conversation == f"a:personal-{ALEX}"
    text = said(help_post.body)
    assert "check answer" in text and "2 3 1 4 0 2 3 1" in text
    assert await teams.runtime.store.count("check_answers") == 0
    assert not [c for c in teams.connector.calls if c.conversation.startswith("19:")]


async def test_the_store_file_holds_no_respondent_id(teams: Teams, settings: Settings) -> None:
    round_key = (await open_round(teams))["data"]["round"]
    for user in RESPONDENTS:
        await answer(teams, user, round_key)
    await click(teams, "29:1sam-teams-id", "check.submit", {"round": round_key, **ANSWERS})
    await teams.send("channel_mention", text="<at>coprod</at> check results")
    # The TinyDB store is a snapshot and its journal: read both (as the anonymity test does).
    await teams.runtime.store.settle()
    path = Path(settings.COPROD_DB)
    files = [path, *(p for _, p in journals(path))]
    raw = await asyncio.to_thread(
        lambda: "\n".join(f.read_text("utf-8") for f in files if f.exists())
    )
    assert '"check_answers"' in raw and raw.count('"scores"') == 5
    for user, name in RESPONDENTS.items():
        assert user not in raw and user.removeprefix("29:") not in raw
        assert name not in raw
    # The opener got a private note, so only their personal-chat reference names them.
    store = teams.runtime.store
    for table in await store.tables():
        if table in ("teams_personal", "conversations"):
            continue
        assert ALEX not in str(await store.find(table)), table
