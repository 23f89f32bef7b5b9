"""Forms as Slack modals: a Card with a Form → a view, and a submitted view → the answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.model import Card, Choice, Form, Option, TextInput

from .render import Block, card_blocks, limit_blocks, plain

MAX_TITLE = 24
MAX_LABEL = 2000
MAX_OPTION = 75
MAX_OPTION_VALUE = 150
MAX_RADIO = 5  # more options than this become a drop-down menu
MAX_METADATA = 3000
MAX_VIEW_BLOCKS = 100
CALLBACK_ID = "coprod.form"


@dataclass(frozen=True)
class FormTarget:
    """What a submitted modal becomes: the card action, and the conversation it belongs to."""

    action_id: str
    value: dict[str, str]
    channel: str
    team: str
    thread: str | None = None
    channel_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_metadata(self) -> str:
        data = {
            "a": self.action_id,
            "v": self.value,
            "c": self.channel,
            "t": self.team,
            "th": self.thread,
            "n": self.channel_name,
        }
        text = json.dumps(data, separators=(",", ":"))
        if len(text) > MAX_METADATA:
            raise ValueError(f"form {self.action_id!r}: its value is too long for a Slack modal")
        return text

    @classmethod
    def from_metadata(cls, text: str) -> FormTarget:
        """Raise ValueError when the metadata is not ours."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("metadata is not an object")
        value = data.get("v") or {}
        strings = (data.get("a"), data.get("c"), data.get("t"))
        if not all(isinstance(s, str) and s for s in strings) or not isinstance(value, dict):
            raise ValueError("metadata lacks the action, channel or team")
        thread = data.get("th")
        return cls(
            action_id=data["a"],
            value={str(k): str(v) for k, v in value.items()},
            channel=data["c"],
            team=data["t"],
            thread=thread if isinstance(thread, str) else None,
            channel_name=name if isinstance(name := data.get("n"), str) else "",
        )


def first_form(card: Card | None) -> Form | None:
    if card is None:
        return None
    return next((b for b in card.blocks if isinstance(b, Form)), None)


def _option(o: Option) -> dict[str, Any]:
    return {"text": plain(o.label, MAX_OPTION), "value": o.value[:MAX_OPTION_VALUE]}


def _input(q: Choice | TextInput, element: dict[str, Any]) -> Block:
    """The modal input block that asks question `q` with `element`."""
    return {
        "type": "input",
        "block_id": q.id,
        "label": plain(q.label, MAX_LABEL),
        "element": element,
        "optional": not q.required,
    }


def _choice(q: Choice) -> Block:
    options = [_option(o) for o in q.options]
    element: dict[str, Any] = {
        "type": "radio_buttons" if len(options) <= MAX_RADIO else "static_select",
        "action_id": q.id,
        "options": options[:100],
    }
    initial = next(
        (o for o, src in zip(options, q.options, strict=False) if src.value == q.initial), None
    )
    if initial is not None:
        element["initial_option"] = initial
    return _input(q, element)


def _text_input(q: TextInput) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": q.id,
        "multiline": q.multiline,
        "max_length": min(q.max_length, 3000),
    }
    if q.placeholder:
        element["placeholder"] = plain(q.placeholder, 150)
    if q.initial:
        element["initial_value"] = q.initial[: element["max_length"]]
    return _input(q, element)


def form_view(card: Card, form: Form, target: FormTarget, *, close_label: str) -> dict[str, Any]:
    """A modal with the card's text and one input per question of `form`."""
    blocks = card_blocks(card, with_forms=False, header=False)
    blocks = [b for b in blocks if b["type"] != "actions"]  # buttons belong to messages
    inputs = [_choice(q) if isinstance(q, Choice) else _text_input(q) for q in form.inputs]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain(card.title or form.submit_label, MAX_TITLE),
        "submit": plain(form.submit_label, MAX_TITLE),
        "close": plain(close_label, MAX_TITLE),
        "private_metadata": target.to_metadata(),
        "blocks": limit_blocks(blocks, MAX_VIEW_BLOCKS - len(inputs)) + inputs,
    }


def answers(state: dict[str, Any]) -> dict[str, str]:
    """The answers in a submitted view's `state.values`, keyed by question id."""
    out: dict[str, str] = {}
    for block_id, elements in state.get("values", {}).items():
        if not isinstance(elements, dict):
            continue
        for element in elements.values():
            if not isinstance(element, dict):
                continue
            selected = element.get("selected_option")
            if isinstance(selected, dict) and isinstance(selected.get("value"), str):
                out[str(block_id)] = selected["value"]
            elif isinstance(element.get("value"), str):
                out[str(block_id)] = element["value"]
    return out


def form_to_dict(form: Form) -> dict[str, Any]:
    """A JSON-ready form, to keep between a message's button and the modal it opens."""
    from dataclasses import asdict

    inputs = [{"kind": type(q).__name__, **asdict(q)} for q in form.inputs]
    return {**asdict(form), "inputs": inputs}


def form_from_dict(data: dict[str, Any]) -> Form:
    inputs: list[Choice | TextInput] = []
    for q in data["inputs"]:
        q = dict(q)
        kind = q.pop("kind")
        if kind == "Choice":
            q["options"] = tuple(Option(**o) for o in q["options"])
            inputs.append(Choice(**q))
        else:
            inputs.append(TextInput(**q))
    return Form(
        id=data["id"],
        inputs=tuple(inputs),
        submit_label=data["submit_label"],
        action_id=data["action_id"],
        value=dict(data.get("value") or {}),
    )
