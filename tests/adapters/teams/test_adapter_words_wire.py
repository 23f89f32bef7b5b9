"""Issue 21: the words the Teams adapter writes itself (a required answer's error message, the
invoke's "Done.") follow the reply's language. Defect: they came from the English pack, so a
Welsh reader's check form said "Please answer this question."."""

from __future__ import annotations

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
