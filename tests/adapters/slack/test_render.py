"""Block Kit rendering: snapshots of every catalogue card, mrkdwn, inert text and Slack limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.slack.modal import FormTarget, answers, form_view
from adapters.slack.mrkdwn import mrkdwn
from adapters.slack.render import card_blocks, fallback_text, neutral_action_id, reply_blocks
from bot.markup import plain
from bot.model import (
    Button,
    Buttons,
    Card,
    Choice,
    Context,
    Fields,
    Form,
    Option,
    Reply,
    Text,
    TextInput,
)
from tests.catalogue import cards
from tests.snapshots import match_snapshot
from tests.words import SLACK_FORM_OPEN

SNAPSHOTS = Path(__file__).parent / "snapshots"


async def test_every_catalogue_card_matches_its_snapshot(tmp_path: Path) -> None:
    seen = 0
    async for name, card in cards(tmp_path):
        seen += 1
        rendered = {
            "text": fallback_text(Reply(card=card)),
            "blocks": card_blocks(card, open_form_label=SLACK_FORM_OPEN),
        }
        match_snapshot(SNAPSHOTS, name, rendered, platform="Slack")
    assert seen >= 4


def test_core_markdown_becomes_mrkdwn() -> None:
    assert mrkdwn("**bold** and _it_ and `x<y`") == "*bold* and _it_ and `x&lt;y`"
    assert mrkdwn("Intro\n- one\n- two") == "Intro\n• one\n• two"
    assert mrkdwn("a & b > c") == "a &amp; b &gt; c"
    assert mrkdwn("5 * 3 ~ 2") == "5 \u2217 3 \u223c 2"  # stray markers never format


HOSTILE = "<!channel> <!here> <!everyone> <!subteam^S012> <@U123> <https://x|y> **x** _y_ `z`"


@pytest.mark.parametrize("where", ["text", "fields", "context", "title", "button", "fallback"])
def test_untrusted_text_is_inert_everywhere(where: str) -> None:
    safe = plain(HOSTILE)
    card = Card(
        title=safe if where == "title" else "T",
        fallback_text=safe if where == "fallback" else "F",
        blocks=(
            Text(f"Said: {safe}" if where == "text" else "t"),
            Fields(((safe, safe),) if where == "fields" else (("a", "b"),)),
            Context(safe if where == "context" else "c"),
            Buttons((Button(safe if where == "button" else "b", "demo.go"),)),
        ),
    )
    out = json.dumps(
        {
            "text": fallback_text(Reply(card=card)),
            "blocks": card_blocks(card, open_form_label=SLACK_FORM_OPEN),
        }
    )
    for live in ("<!", "<@", "<http"):
        assert live not in out, (where, live)
    assert "&lt;!channel&gt;" in out
    if where not in ("title", "button"):  # plain_text never formats; these are cut short
        assert "&lt;https://x|y&gt;" in out
        for markup in ("*x*", "_y_", "`z`"):
            assert markup not in out, (where, markup)


def test_mrkdwn_objects_are_verbatim_so_slack_does_not_auto_link() -> None:
    blocks = card_blocks(Card("T", "F", (Text("see example.org"), Context("c"))))
    texts = [b["text"] for b in blocks if b["type"] == "section"]
    texts += [e for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert texts and all(t["verbatim"] is True for t in texts)


def test_block_kit_limits() -> None:
    long_line = "word " * 1000
    card = Card(
        title="T" * 400,
        fallback_text="F",
        blocks=(
            Text("\n".join([long_line] * 3)),
            Fields(tuple((f"L{i}", "v") for i in range(23))),
            *[Text(f"para {i}") for i in range(80)],
        ),
    )
    blocks = card_blocks(card)
    assert len(blocks) == 50
    assert len(blocks[0]["text"]["text"]) <= 150
    for b in blocks:
        if b["type"] == "section" and "text" in b:
            assert len(b["text"]["text"]) <= 3000
        if b["type"] == "section" and "fields" in b:
            assert len(b["fields"]) <= 10
    assert [len(b["fields"]) for b in blocks if "fields" in b] == [10, 10, 3]


def test_truncation_never_splits_an_entity() -> None:
    text = ("&" * 2000) + "tail"
    section = card_blocks(Card("T", "F", (Text(text),)), header=False)[0]
    body = section["text"]["text"]
    assert len(body) <= 3000 and body.endswith("…")
    assert body[:-1].replace("&amp;", "") == ""


def test_buttons_carry_their_value_as_json_and_unique_action_ids() -> None:
    card = Card(
        "T",
        "F",
        (
            Buttons(
                (Button("1", "check.answer", {"q": "1"}), Button("2", "check.answer", {"q": "2"}))
            ),
        ),
    )
    elements = card_blocks(card)[1]["elements"]
    assert [e["action_id"] for e in elements] == ["check.answer#0", "check.answer#1"]
    assert [json.loads(e["value"]) for e in elements] == [{"q": "1"}, {"q": "2"}]
    assert {neutral_action_id(e["action_id"]) for e in elements} == {"check.answer"}


FORM = Form(
    "f",
    (
        Choice("q1", "Statement **1**", (Option("1", "Not yet"), Option("2", "Starting"))),
        Choice("who", "I take part as", tuple(Option(str(i), f"Option {i}") for i in range(6))),
        TextInput("note", "A note", multiline=True, required=False),
    ),
    "Send",
    "demo.send",
    {"round": "r1"},
)


def test_form_becomes_a_modal_with_inputs() -> None:
    card = Card("A rather long check title indeed", "F", (Text("Answer please"), FORM))
    target = FormTarget("demo.send", {"round": "r1"}, "C1", "T1", None, "general")
    view = form_view(card, FORM, target, close_label="Cancel")
    assert view["type"] == "modal" and len(view["title"]["text"]) <= 24
    assert view["submit"]["text"] == "Send"
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["element"]["type"] for b in inputs] == [
        "radio_buttons",
        "static_select",
        "plain_text_input",
    ]
    assert [b["optional"] for b in inputs] == [False, False, True]
    assert FormTarget.from_metadata(view["private_metadata"]) == target


def test_submitted_state_becomes_answers() -> None:
    state = {
        "values": {
            "q1": {"q1": {"type": "radio_buttons", "selected_option": {"value": "2"}}},
            "who": {"who": {"type": "static_select", "selected_option": None}},
            "note": {"note": {"type": "plain_text_input", "value": "hi"}},
        }
    }
    assert answers(state) == {"q1": "2", "note": "hi"}


def test_form_in_a_message_becomes_a_button() -> None:
    blocks = card_blocks(Card("T", "F", (FORM,)), open_form_label="Answer", form_keys={"f": "k1"})
    button = blocks[1]["elements"][0]
    assert button["text"]["text"] == "Answer" and json.loads(button["value"]) == {"form": "k1"}


def test_text_reply_is_a_section_and_its_fallback() -> None:
    reply = Reply(text=f"I could not find {plain('<!here>')}")
    assert reply_blocks(reply)[0]["text"]["text"] == "I could not find &lt;!here&gt;"
    assert fallback_text(reply) == "I could not find &lt;!here&gt;"
