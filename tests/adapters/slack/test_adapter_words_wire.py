"""Issue 21: the words the Slack adapter writes itself (the modal's Cancel, the form's open
button) follow the reply's language. Defect: they came from the English pack whatever the
person had chosen, so a Welsh reader's check form was Welsh inside an English frame."""

from __future__ import annotations

import json

from .conftest import SlackClient, button_of
from .test_check_wire import open_round

ALEX = "U2147483697"  # the fixture's sender
SAM = "U0SAM"


async def opened_view(slack: SlackClient, user: str) -> dict:  # type: ignore[type-arg]
    posts = slack.fake.of("chat.postMessage")
    button = button_of(posts[0]["blocks"], "check.open#") if posts else await open_round(slack)
    before = len(slack.fake.of("views.open"))
    await slack.click(
        button["action_id"], json.loads(button["value"]), user=user, trigger_id=f"t-{user}"
    )
    await slack.settle()
    opened = slack.fake.of("views.open")
    assert len(opened) == before + 1
    return dict(opened[-1]["view"])


async def test_a_welsh_reader_gets_the_modal_frame_in_welsh(slack: SlackClient) -> None:
    await slack.command("language cymraeg", user_id=SAM)
    await slack.settle()
    welsh = await opened_view(slack, SAM)
    assert welsh["close"]["text"] == "Canslo"
    english = await opened_view(slack, ALEX)  # Alex has not chosen: English
    assert english["close"]["text"] == "Cancel"
