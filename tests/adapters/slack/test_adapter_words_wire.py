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


async def test_a_kept_forms_button_modal_and_refusal_are_in_welsh(slack: SlackClient) -> None:
    """Without a trigger the form comes as a message with a button that opens it; the button,
    the modal it opens and the "form is gone" refusal all follow the reader's language."""
    await slack.command("language cymraeg", user_id=SAM)
    await slack.settle()
    button = await open_round(slack)
    await slack.click(button["action_id"], json.loads(button["value"]), user=SAM, trigger_id="")
    await slack.settle()
    sent = json.dumps(slack.fake.calls[-1].body, ensure_ascii=False)
    assert '"Ateb"' in sent  # the form's open button, in Welsh
    opener = [c for c in slack.fake.calls if "slack.form.open" in json.dumps(c.body)][-1]
    form_button = button_of(opener.body["blocks"], "slack.form.open")
    before = len(slack.fake.of("views.open"))
    value = json.loads(form_button["value"])
    await slack.click(form_button["action_id"], value, user=SAM, trigger_id="t-kept")
    await slack.settle()
    assert len(slack.fake.of("views.open")) == before + 1
    assert slack.fake.of("views.open")[-1]["view"]["close"]["text"] == "Canslo"
    await slack.click(form_button["action_id"], {"form": "gone"}, user=SAM, trigger_id="t-2")
    await slack.settle()
    assert "dydy'r ffurflen honno ddim ar gael bellach" in json.dumps(
        slack.fake.calls[-1].body, ensure_ascii=False
    )
