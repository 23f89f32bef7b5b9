"""Issue 21: the words the Teams adapter writes itself (a required answer's error message, the
invoke's "Done.") follow the reply's language. Defect: they came from the English pack, so a
Welsh reader's check form said "Please answer this question."."""

from __future__ import annotations

from bot.prompts import EN, speaking
from bot.prompts.locale import CY

from .conftest import Teams, as_person
from .test_check_wire import click, open_round

SAM = "29:1sam-teams-id"
ALEX = "29:1alex-teams-id"


def required_messages(form: dict) -> set[str]:  # type: ignore[type-arg]
    return {e["errorMessage"] for e in form["body"] if e.get("isRequired")}


async def test_a_welsh_reader_gets_the_forms_own_words_in_welsh(teams: Teams) -> None:
    activity = as_person(teams.activity("channel_mention"), SAM, "Sam")
    activity["text"] = "<at>coprod</at> language cymraeg"
    assert (await teams.post(activity))[0] == 201
    button = await open_round(teams)
    welsh = await click(teams, SAM, "check.open", button["data"])
    assert required_messages(welsh["value"]) == {"Atebwch y cwestiwn hwn."}
    english = await click(teams, ALEX, "check.open", button["data"])
    assert required_messages(english["value"]) == {"Please answer this question."}


# Issue 21: the invoke answers Teams shows (an invoke coprod does not offer, a repeated click,
# a click with nothing to say) follow the person's language: their `language` choice, else
# the activity's `locale`. Defect: they were always English.

WELSH_UNSUPPORTED = "Dydw i ddim yn gallu gwneud hynny o fan hyn."
WELSH_DONE = "Wedi'i wneud."


async def test_an_invoke_coprod_does_not_offer_answers_in_the_persons_choice(
    teams: Teams,
) -> None:
    await teams.send("personal_message", text="language cymraeg")
    activity = {**teams.activity("execute_action", value={}), "name": "task/fetch"}
    status, body = await teams.post(activity)
    assert status == 200
    assert body["task"]["value"].startswith(WELSH_UNSUPPORTED)


async def test_an_invoke_coprod_does_not_offer_answers_in_the_teams_locale(teams: Teams) -> None:
    welsh = {**teams.activity("execute_action", value={}, locale="cy-GB"), "name": "made/up"}
    assert (await teams.post(welsh))[1]["value"].startswith(WELSH_UNSUPPORTED)
    english = {**teams.activity("execute_action", value={}), "name": "made/up"}
    assert (await teams.post(english))[1]["value"].startswith("I cannot do that from here.")


async def test_a_repeated_click_is_answered_in_the_persons_language(teams: Teams) -> None:
    await teams.send("personal_message", text="language cymraeg")
    activity = teams.activity("execute_action")
    await teams.post(activity)
    status, body = await teams.post(activity)
    assert status == 200
    assert body["value"] == WELSH_DONE


async def test_a_click_with_nothing_to_say_answers_done_in_the_teams_locale(teams: Teams) -> None:
    async def silent(ctx: object) -> list[object]:
        return []

    teams.runtime.core.registry.actions["quiet"] = silent
    action = {"action": {"type": "Action.Execute", "verb": "quiet.now", "data": {}}}
    status, body = await teams.send("execute_action", value=action, locale="cy-GB")
    assert status == 200
    assert body["value"] == WELSH_DONE


# The notice posted in the channel when a personal chat cannot be opened is a channel post:
# it follows the channel's language (Welsh then English in a bilingual channel), not the
# language of the person it names. Defect: it was always English.


async def _notice_after_help(teams: Teams, **changes: str) -> str:
    """Sam, who has no personal chat with the bot and cannot get one, asks for help."""
    teams.connector.not_installed.add(SAM)
    asked = as_person(teams.activity("channel_mention", **changes), SAM, "Sam Jones")
    await teams.post({**asked, "text": "<at>coprod</at> help"})
    notice = teams.connector.delivered()[-1]
    assert notice.conversation.startswith("19:") and "attachments" not in notice.body
    return str(notice.body["text"])


def _say(teams: Teams, locale: str) -> str:
    with speaking(locale):
        return teams.runtime.core.pack.say("teams.private_unavailable", name="Sam Jones")


async def test_the_no_private_chat_notice_follows_a_welsh_channel(admin_teams: Teams) -> None:
    await admin_teams.send("channel_mention", text="<at>coprod</at> admin language cy")
    assert await _notice_after_help(admin_teams) == _say(admin_teams, CY)
    assert _say(admin_teams, CY).startswith("Sam Jones, mae gen i ateb")


async def test_the_no_private_chat_notice_is_welsh_then_english_in_a_bilingual_channel(
    admin_teams: Teams,
) -> None:
    await admin_teams.send("channel_mention", text="<at>coprod</at> admin language both")
    text = await _notice_after_help(admin_teams)
    assert text == _say(admin_teams, CY) + "\n\n" + _say(admin_teams, EN)


async def test_the_no_private_chat_notice_ignores_the_persons_own_language(teams: Teams) -> None:
    assert await _notice_after_help(teams, locale="cy-GB") == _say(teams, EN)
