"""One post from the same post written in several locales: Welsh first, then English.

Text and small print of each version follow one another under a divider; buttons and form
fields appear once, at the end, with each label in both languages ("Atebwch nawr / Answer
now"), so every platform shows one message with one set of working buttons."""

from __future__ import annotations

from dataclasses import replace

from ..model import Block, Button, Buttons, Card, Choice, Divider, Form, Option, Reply, TextInput

INTERACTIVE = (Buttons, Form)


def both(first: str, second: str, sep: str = " / ") -> str:
    return first if first == second else f"{first}{sep}{second}"


def merge(versions: list[list[Reply]]) -> list[Reply]:
    """The versions (one list of replies per locale, in order) as one list of replies. When
    the versions do not line up reply for reply, they are posted one after another."""
    if len(versions) == 1:
        return versions[0]
    lengths = {len(v) for v in versions}
    if len(lengths) != 1:
        return [r for v in versions for r in v]
    out: list[Reply] = []
    for replies in zip(*versions, strict=True):
        merged = replies[0]
        for other in replies[1:]:
            merged = merge_reply(merged, other)
        out.append(merged)
    return out


def merge_reply(first: Reply, second: Reply) -> Reply:
    """Two versions of one reply as one. The second's routing (visibility, recipient, key)
    is kept; they are the same in every version."""
    text = both(first.text, second.text, "\n\n") if first.text and second.text else None
    card = None
    if first.card and second.card:
        card = merge_cards(first.card, second.card)
    return replace(
        second,
        text=text if text is not None else (second.text or first.text),
        card=card or second.card or first.card,
    )


def merge_cards(first: Card, second: Card) -> Card:
    blocks: list[Block] = [b for b in first.blocks if not isinstance(b, INTERACTIVE)]
    blocks.append(Divider())
    blocks.extend(b for b in second.blocks if not isinstance(b, INTERACTIVE))
    mine = [b for b in first.blocks if isinstance(b, INTERACTIVE)]
    theirs = [b for b in second.blocks if isinstance(b, INTERACTIVE)]
    for i, block in enumerate(theirs):
        other = mine[i] if i < len(mine) else None
        blocks.append(_merge_interactive(other, block))
    return replace(
        second,
        title=both(first.title, second.title),
        fallback_text=both(first.fallback_text, second.fallback_text, "\n\n"),
        blocks=tuple(blocks),
        chart=first.chart or second.chart,
    )


def _merge_interactive(first: Block | None, second: Block) -> Block:
    if isinstance(second, Buttons) and isinstance(first, Buttons):
        return Buttons(tuple(_button(a, b) for a, b in _pairs(first.buttons, second.buttons)))
    if isinstance(second, Form) and isinstance(first, Form):
        inputs = tuple(_input(a, b) for a, b in _pairs(first.inputs, second.inputs))
        return replace(
            second, inputs=inputs, submit_label=both(first.submit_label, second.submit_label)
        )
    return second


def _pairs(first: tuple, second: tuple) -> list[tuple]:
    return [(first[i] if i < len(first) else b, b) for i, b in enumerate(second)]


def _button(first: Button, second: Button) -> Button:
    if first.action_id != second.action_id:
        return second
    return replace(second, label=both(first.label, second.label))


def _input(first: Choice | TextInput, second: Choice | TextInput) -> Choice | TextInput:
    if type(first) is not type(second) or first.id != second.id:
        return second
    if isinstance(second, Choice) and isinstance(first, Choice):
        mine = {o.value: o.label for o in first.options}
        options = tuple(
            Option(o.value, both(mine.get(o.value, o.label), o.label)) for o in second.options
        )
        return replace(second, label=both(first.label, second.label), options=options)
    return replace(second, label=both(first.label, second.label))
