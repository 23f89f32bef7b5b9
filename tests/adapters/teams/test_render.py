"""Adaptive Card rendering: snapshots of every catalogue card, plain-text binding, forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.teams.render import card_json, inline, message_json, plain_text
from bot.markup import plain
from bot.model import (
    Button,
    Buttons,
    Card,
    Choice,
    Context,
    Divider,
    Fields,
    Form,
    Option,
    Reply,
    Style,
    Text,
    TextInput,
)
from tests.catalogue import cards
from tests.snapshots import match_snapshot
from tests.words import TEAMS_REQUIRED

SNAPSHOTS = Path(__file__).parent / "snapshots"


async def test_every_catalogue_card_matches_its_snapshot(tmp_path: Path) -> None:
    seen = 0
    async for name, card in cards(tmp_path):
        seen += 1
        rendered = card_json(card, required_message=TEAMS_REQUIRED)
        match_snapshot(SNAPSHOTS, name, rendered, platform="Teams")
        assert rendered["version"] == "1.5" and rendered["fallbackText"]
    assert seen >= 4


HOSTILE = "**loud** _lean_ [click](https://evil.example) <at>everyone</at> `x` \\ # | !"


def test_untrusted_text_stays_plain() -> None:
    out = inline(plain(HOSTILE))
    assert "**" not in out and "[" not in out and "]" not in out
    assert "<at>" not in out and "_lean_" not in out
    assert "∗∗loud∗∗" in out and "［click］(https://evil.example)" in out
    assert "﹤at﹥everyone﹤/at﹥" in out


def test_core_markdown_carries_over_around_untrusted_text() -> None:
    text = f"**Term:** {plain('A*B_C')} and `/coprod help`"
    assert inline(text) == "**Term:** A∗B＿C and `/coprod help`"  # code stays code (issue 16 §4)


def test_untrusted_text_in_every_field_of_a_card() -> None:
    hostile = plain(HOSTILE)
    card = Card(
        title=hostile,
        fallback_text=hostile,
        blocks=(
            Text(hostile),
            Fields(((hostile, hostile),)),
            Context(hostile),
            Buttons((Button(hostile, "x.y"),)),
        ),
    )
    rendered = card_json(card)
    markdown_places = [e["text"] for e in rendered["body"] if e["type"] == "TextBlock"]
    markdown_places += [
        v
        for e in rendered["body"]
        if e["type"] == "FactSet"
        for f in e["facts"]
        for v in f.values()
    ]
    assert len(markdown_places) == 5
    for shown in markdown_places:
        assert "[" not in shown and "**" not in shown and "<at>" not in shown
    assert "entities" not in json.dumps(rendered)
    # Plain-text places (button titles, fallback) show exactly what was typed.
    assert rendered["body"][-1]["actions"][0]["title"] == HOSTILE
    assert plain_text(hostile) == HOSTILE  # plain-text places show exactly what was typed


def test_blocks_render_to_their_adaptive_elements() -> None:
    card = Card(
        title="Check",
        fallback_text="Check round",
        blocks=(
            Text("Intro\n- one\n- two"),
            Divider(),
            Fields((("Answers", "3"),)),
            Context("small print"),
            Buttons((Button("Go", "check.go", {"round": "1"}, Style.PRIMARY),)),
            Form(
                id="f",
                inputs=(
                    Choice("p1", "Principle 1", (Option("1", "Not yet"), Option("4", "Embedded"))),
                    TextInput("note", "Anything else?", multiline=True, required=False),
                ),
                submit_label="Send",
                action_id="check.answer",
                value={"round": "1"},
            ),
        ),
    )
    body = card_json(card, required_message="Please answer.")["body"]
    assert body[0] == {
        "type": "TextBlock",
        "text": "Check",
        "weight": "Bolder",
        "size": "Medium",
        "wrap": True,
    }
    assert body[1]["text"] == "Intro" and body[2]["text"] == "- one\n- two"
    assert body[3] == {
        "type": "FactSet",
        "facts": [{"title": "Answers", "value": "3"}],
        "separator": True,
    }
    assert body[4]["isSubtle"] is True and body[4]["size"] == "Small"
    assert body[5]["actions"] == [
        {
            "type": "Action.Execute",
            "title": "Go",
            "verb": "check.go",
            "data": {"round": "1"},
            "style": "positive",
        }
    ]
    choice, note, submit = body[6], body[7], body[8]
    assert choice == {
        "type": "Input.ChoiceSet",
        "id": "p1",
        "label": "Principle 1",
        "style": "expanded",
        "isRequired": True,
        "choices": [{"title": "Not yet", "value": "1"}, {"title": "Embedded", "value": "4"}],
        "errorMessage": "Please answer.",
    }
    assert note["type"] == "Input.Text" and note["isMultiline"] is True
    assert "errorMessage" not in note
    assert submit["actions"][0]["verb"] == "check.answer"
    assert submit["actions"][0]["data"] == {"round": "1"}


@pytest.mark.parametrize("private", [False, True])
def test_every_message_carries_fallback_text(private: bool) -> None:
    card = Card(title="T", fallback_text="Fallback words", blocks=())
    body = message_json(Reply(card=card))
    assert body["summary"] == "Fallback words"
    assert body["attachments"][0]["content"]["fallbackText"] == "Fallback words"
    text = message_json(Reply(text=f"Hi {plain('[x](y)')}"))
    assert text == {"type": "message", "text": "Hi ［x］(y)", "textFormat": "markdown"}


def test_a_line_with_code_is_a_rich_text_block_with_code_as_typed() -> None:
    """Issue 16 §4: TextBlock markdown has no code (a backtick is shown, and copied with the
    value), so code is a Monospace run with its real characters, placeholders included;
    untrusted text around it stays plain (no bold, no tags, no links)."""
    hostile = plain("**loud** <at>x</at> [a](https://evil.example) New_York")
    text = f"- **Type** `/coprod admin prompts edit <id> <text>` or `{plain('a_b<at>')}` {hostile}"
    (element,) = card_json(Card(title="T", fallback_text="f", blocks=(Text(text),)))["body"][1:]
    assert element["type"] == "RichTextBlock"
    runs = element["inlines"]
    code = [r["text"] for r in runs if r.get("fontType") == "Monospace"]
    assert code == ["/coprod admin prompts edit <id> <text>", "a_b﹤at﹥"]
    assert [r["text"] for r in runs if r.get("weight") == "Bolder"] == ["Type"]
    words = "".join(r["text"] for r in runs)
    assert words.startswith("• ") and "`" not in words
    assert "**loud** ﹤at﹥x﹤/at﹥ ［a］(https://evil.example) New_York" in words
