"""Buttons, forms and modals at the wire: block_actions and view_submission become card actions."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator

import pytest

from bot.context import Context
from bot.feature import collect
from bot.marks import command
from bot.model import Card, CardAction, Choice, Form, Option, Text, TextInput

from .conftest import SlackClient, fixture
from .conftest import click_payload as click

FORM = Form(
    "f",
    (
        Choice("q1", "How are we doing?", (Option("1", "Not yet"), Option("2", "Starting"))),
        TextInput("note", "Anything to add?", required=False),
    ),
    "Send",
    "demo.send",
    {"round": "r1"},
)
FORM_CARD = Card("Quick check", "Quick check", (Text("Two questions."), FORM), id="demo-form")


@pytest.fixture
def demo(slack: SlackClient) -> Iterator[list[CardAction]]:
    """Real core handlers for `demo.*` card actions and a hidden `demoform` command."""
    seen: list[CardAction] = []

    async def on_demo(ctx: Context) -> list:
        event = ctx.event
        assert isinstance(event, CardAction)
        seen.append(event)
        if event.action_id == "demo.go":
            return [ctx.reply(f"Clicked {event.value.get('n')}", replace_card=True)]
        if event.action_id == "demo.private":
            return [ctx.reply("Only you", private=True, replace_card=True)]
        if event.action_id == "demo.form":
            return [ctx.reply(card=FORM_CARD, private=True)]
        return [ctx.reply(f"Thanks {event.value.get('q1')}", private=True)]

    async def demoform(ctx: Context, args: str) -> list:
        return [ctx.reply(card=FORM_CARD, private=args != "public")]

    registry = slack.runtime.core.registry
    registry.actions["demo"] = on_demo
    command("demoform", group="team", example="/coprod demoform", hidden=True)(demoform)
    registry.add(collect("demo", demoform))
    yield seen


async def test_button_click_becomes_a_card_action(slack: SlackClient, demo: list) -> None:
    payload = click(response_url=slack.fake.response_url("a"))
    status, _ = await slack.interaction(payload)
    assert status == 200
    await slack.settle()
    assert len(demo) == 1
    action = demo[0]
    assert action.action_id == "demo.go" and action.value == {"n": "1"}
    assert action.user is not None and action.user.id == "U2147483697"
    assert action.ref.channel == "C2147483705" and action.message_id == "1700000000.000200"
    # replace_card on a public message: the original is replaced in place
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1 and hooks[0]["replace_original"] is True
    assert hooks[0]["text"] == "Clicked 1"


async def test_replace_without_response_url_uses_chat_update(
    slack: SlackClient, demo: list
) -> None:
    payload = click()
    del payload["response_url"]
    await slack.interaction(payload)
    await slack.settle()
    updates = slack.fake.of("chat.update")
    assert len(updates) == 1 and updates[0]["ts"] == "1700000000.000200"


async def test_private_reply_never_replaces_a_public_card(slack: SlackClient, demo: list) -> None:
    await slack.interaction(click("demo.private#0", response_url=slack.fake.response_url("a")))
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1
    assert hooks[0]["response_type"] == "ephemeral" and "replace_original" not in hooks[0]
    assert slack.fake.of("chat.update") == []


async def test_form_reply_to_a_slash_command_opens_a_modal(slack: SlackClient, demo: list) -> None:
    await slack.command("demoform")
    await slack.settle()
    opened = slack.fake.of("views.open")
    assert len(opened) == 1
    assert opened[0]["trigger_id"] == fixture("slash_command")["trigger_id"]
    view = opened[0]["view"]
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == ["q1", "note"]
    meta = json.loads(view["private_metadata"])
    assert meta["a"] == "demo.send" and meta["v"] == {"round": "r1"}
    assert meta["c"] == "C2147483705" and meta["t"] == "T0001"


async def test_button_that_answers_with_a_form_opens_a_modal(
    slack: SlackClient, demo: list
) -> None:
    await slack.interaction(click("demo.form#0"))
    await slack.settle()
    assert len(slack.fake.of("views.open")) == 1


async def test_submitted_modal_becomes_a_card_action(slack: SlackClient, demo: list) -> None:
    status, text = await slack.interaction(fixture("view_submission"))
    assert status == 200 and text == ""  # an empty ack closes the modal
    await slack.settle()
    assert len(demo) == 1
    action = demo[0]
    assert action.action_id == "demo.send"
    assert action.value == {"round": "r1", "q1": "2", "note": "We paid partners for their time"}
    assert action.ref.channel == "C2147483705" and action.ref.workspace == "T0001"
    ephemeral = slack.fake.of("chat.postEphemeral")
    assert len(ephemeral) == 1 and ephemeral[0]["text"] == "Thanks 2"


async def test_public_form_is_posted_with_a_button_that_opens_it(
    slack: SlackClient, demo: list
) -> None:
    await slack.command("demoform public")
    await slack.settle()
    assert slack.fake.of("views.open") == []
    post = slack.fake.of("chat.postMessage")[0]
    button = post["blocks"][-1]["elements"][0]
    assert button["text"]["text"] == "Answer"
    # Someone clicks it: the form opens as a modal for them.
    payload = click(button["action_id"], json.loads(button["value"]))
    payload["trigger_id"] = "999.888.abc"
    await slack.interaction(payload)
    await slack.settle()
    opened = slack.fake.of("views.open")
    assert len(opened) == 1 and opened[0]["trigger_id"] == "999.888.abc"
    assert [b["block_id"] for b in opened[0]["view"]["blocks"] if b["type"] == "input"] == [
        "q1",
        "note",
    ]
    assert demo == []  # opening a form is the adapter's job, not the core's


async def test_expired_trigger_posts_the_form_instead(slack: SlackClient, demo: list) -> None:
    slack.fake.fail("views.open", error="expired_trigger_id")
    await slack.command("demoform")
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert len(hooks) == 1 and hooks[0]["response_type"] == "ephemeral"
    assert hooks[0]["blocks"][-1]["elements"][0]["text"]["text"] == "Answer"


async def test_unknown_form_key_says_it_is_gone(slack: SlackClient, demo: list) -> None:
    await slack.interaction(click("slack.form.open#0", {"form": "nope"}))
    await slack.settle()
    sent = json.dumps(slack.fake.of("hooks") + slack.fake.of("chat.postEphemeral"))
    assert "no longer available" in sent


async def test_button_inside_a_modal_uses_the_modal_conversation(
    slack: SlackClient, demo: list
) -> None:
    payload = click()
    del payload["channel"], payload["message"], payload["response_url"]
    payload["container"] = {"type": "view", "view_id": "V1"}
    payload["view"] = copy.deepcopy(fixture("view_submission")["view"])
    await slack.interaction(payload)
    await slack.settle()
    assert len(demo) == 1 and demo[0].ref.channel == "C2147483705"
