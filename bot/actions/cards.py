"""The actions' cards: one action agreed, the open list, your actions, the short form, the
owner's reminder, and the lines that open a reflection ("Last time you agreed")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..markup import plain
from ..model import Button, Buttons, Card, Fields, Form, Style, Text, TextInput
from ..model import Context as Small
from ..prompts import PromptPack
from .dates import show_day
from .records import MAX_TEXT, Action, OpenActions, shown_order

if TYPE_CHECKING:
    from ..context import Context

LIST_LIMIT = 20  # actions shown on one card; the rest are counted
OPENER_LIMIT = 5
TEXT_BLOCK = 2800  # characters of one text block (Slack allows 3,000)
DONE_ACTION, NOT_YET_ACTION = "actions.done", "actions.notyet"
MAKE_ACTION, SAVE_ACTION = "actions.make", "actions.save"


def principle_name(pack: PromptPack, number: int | None) -> str:
    return pack.principle(number).title if number else ""


def owner_words(pack: PromptPack, action: Action) -> str:
    if action.owner:
        return pack.say("actions.list.owner", name=plain(action.owner_name or action.owner))
    return pack.say("actions.list.no_owner")


def due_words(pack: PromptPack, action: Action, today: date) -> str:
    due = action.due_date()
    if due is None:
        return pack.say("actions.list.no_due")
    if action.overdue(today):
        return pack.say("actions.list.overdue", when=show_day(due, today))
    return pack.say("actions.list.due", when=show_day(due, today))


def principle_words(pack: PromptPack, action: Action) -> str:
    if action.principle:
        return pack.say("actions.list.principle", number=action.principle)
    return pack.say("actions.list.no_principle")


def ordered(actions: Sequence[Action], today: date) -> list[Action]:
    """Overdue first (the longest overdue first), then the rest oldest first."""
    day = today.isoformat()
    return sorted(actions, key=lambda a: shown_order(a.due if a.is_open else None, a.number, day))


def chunks(lines: list[str], limit: int = TEXT_BLOCK) -> list[Text]:
    """Lines joined into text blocks no longer than `limit` characters each."""
    blocks: list[Text] = []
    current: list[str] = []
    used = 0
    for line in lines:
        if current and used + len(line) + 1 > limit:
            blocks.append(Text("\n".join(current)))
            current, used = [], 0
        current.append(line)
        used += len(line) + 1
    if current:
        blocks.append(Text("\n".join(current)))
    return blocks


def added_card(ctx: Context, action: Action, notes: list[str], today: date) -> Card:
    pack = ctx.pack
    text = plain(action.text)
    title = pack.say("actions.added.title", number=action.number)
    due = action.due_date()
    fields = (
        (pack.say("actions.field.owner"), owner_words(pack, action)),
        (
            pack.say("actions.field.due"),
            show_day(due, today) if due else pack.say("actions.field.no_date"),
        ),
        (
            pack.say("actions.field.principle"),
            pack.say(
                "actions.field.principle_value",
                number=action.principle,
                title=principle_name(pack, action.principle),
            )
            if action.principle
            else pack.say("actions.field.no_principle"),
        ),
    )
    return Card(
        id="actions.added",
        title=title,
        fallback_text=pack.say("actions.added.fallback", number=action.number, text=text),
        blocks=(Text(f"**{text}**"), Fields(fields), *(Small(n) for n in notes)),
    )


def list_card(ctx: Context, found: OpenActions, today: date) -> Card:
    """The channel's open actions: `found.first` holds at least the LIST_LIMIT shown."""
    pack = ctx.pack
    shown = found.first[:LIST_LIMIT]
    lines = [
        pack.say(
            "actions.list.line",
            number=a.number,
            text=plain(a.text),
            owner=owner_words(pack, a),
            due=due_words(pack, a, today),
            principle=principle_words(pack, a),
            added=show_day(date.fromisoformat(a.created_at[:10]), today),
        )
        for a in shown
    ]
    counts = pack.say("actions.list.counts", open=found.total, overdue=found.overdue)
    blocks: list = [Text(counts)]
    blocks += chunks(lines)
    if found.total > LIST_LIMIT:
        blocks.append(Text(pack.say("actions.list.more", count=found.total - LIST_LIMIT)))
    blocks.append(Small(pack.say("actions.list.footer")))
    title = pack.say("actions.list.title")
    fallback = title + "\n" + "\n".join(f"{a.number}. {plain(a.text)}" for a in shown)
    return Card(id="actions.list", title=title, fallback_text=fallback, blocks=tuple(blocks))


def done_buttons(pack: PromptPack, action: Action, *, not_yet: bool = True) -> Buttons:
    value = {"c": action.channel_key, "n": str(action.number)}
    buttons = [Button(pack.say("actions.button.done"), DONE_ACTION, value, Style.PRIMARY)]
    if not_yet:
        buttons.append(Button(pack.say("actions.button.not_yet"), NOT_YET_ACTION, value))
    return Buttons(tuple(buttons))


def mine_card(ctx: Context, actions: list[Action], names: dict[str, str], today: date) -> Card:
    pack = ctx.pack
    title = pack.say("actions.mine.title")
    if not actions:
        empty = pack.say("actions.mine.empty")
        return Card(id="actions.mine", title=title, fallback_text=empty, blocks=(Text(empty),))
    blocks: list = []
    for a in ordered(actions, today)[:LIST_LIMIT]:
        channel = names.get(a.channel_key) or a.channel_key.rsplit(":", 1)[-1]
        blocks.append(
            Text(
                pack.say(
                    "actions.mine.line",
                    channel=pack.say("actions.mine.channel", name=plain(channel)),
                    number=a.number,
                    text=plain(a.text),
                    due=due_words(pack, a, today),
                    principle=principle_words(pack, a),
                )
            )
        )
        blocks.append(done_buttons(pack, a, not_yet=False))
    if len(actions) > LIST_LIMIT:
        blocks.append(Text(pack.say("actions.list.more", count=len(actions) - LIST_LIMIT)))
    blocks.append(Small(pack.say("actions.mine.footer")))
    fallback = title + "\n" + "\n".join(f"{a.number}. {plain(a.text)}" for a in actions[:5])
    return Card(id="actions.mine", title=title, fallback_text=fallback, blocks=tuple(blocks))


def make_button(pack: PromptPack, text: str = "", principle: int | None = None) -> Buttons:
    """The "Make this an action" button, with the words to start from."""
    value = {"text": text[:MAX_TEXT]}
    if principle:
        value["p"] = str(principle)
    return Buttons((Button(pack.say("actions.button.make"), MAKE_ACTION, value),))


def form_card(ctx: Context, text: str, principle: int | None, channel_key: str) -> Card:
    pack = ctx.pack
    title = pack.say("actions.form.title")
    value = {"c": channel_key}
    if principle:
        value["p"] = str(principle)
    form = Form(
        id="actions-form",
        inputs=(
            TextInput(
                "text",
                pack.say("actions.form.text_label"),
                multiline=True,
                initial=text[:MAX_TEXT],
                max_length=MAX_TEXT,
            ),
            TextInput(
                "owner",
                pack.say("actions.form.owner_label"),
                placeholder=pack.say("actions.form.owner_placeholder"),
                max_length=200,
                required=False,
            ),
            TextInput(
                "due",
                pack.say("actions.form.due_label"),
                placeholder=pack.say("actions.form.due_placeholder"),
                max_length=60,
                required=False,
            ),
        ),
        submit_label=pack.say("actions.form.submit"),
        action_id=SAVE_ACTION,
        value=value,
    )
    return Card(
        id="actions.form",
        title=title,
        fallback_text=title,
        blocks=(Text(pack.say("actions.form.intro")), form),
    )


def reminder_card(pack: PromptPack, action: Action, channel: str, kind: str, today: date) -> Card:
    due = action.due_date()
    assert due is not None
    title = pack.say("actions.reminder.title", number=action.number)
    body = pack.say(
        f"actions.reminder.{kind}",
        number=action.number,
        channel=channel,
        when=show_day(due, today),
        text=plain(action.text),
    )
    return Card(
        id=f"actions.reminder.{kind}",
        title=title,
        fallback_text=body,
        blocks=(
            Text(body),
            done_buttons(pack, action, not_yet=False),
            Small(pack.say("actions.reminder.how", number=action.number)),
            Small(pack.say("actions.reminder.why")),
        ),
    )


def opener_blocks(pack: PromptPack, items: Sequence[dict[str, object]]) -> list:
    """ "Last time you agreed: … Done?" with Done / Not yet buttons, for a reflection's top.
    `items` are what the reflection keeps: number, text, owner, due (already in words)."""
    blocks: list = [Text(pack.say("actions.opener.intro"))]
    for item in items[:OPENER_LIMIT]:
        blocks.append(
            Text(
                pack.say(
                    "actions.opener.line",
                    number=item["n"],
                    text=plain(str(item["text"])),
                    owner=str(item["owner"]),
                    due=str(item["due"]),
                )
            )
        )
        value = {"c": str(item["c"]), "n": str(item["n"])}
        blocks.append(
            Buttons(
                (
                    Button(pack.say("actions.button.done"), DONE_ACTION, value, Style.PRIMARY),
                    Button(pack.say("actions.button.not_yet"), NOT_YET_ACTION, value),
                )
            )
        )
    extra = int(str(items[0].get("more", 0))) if items else 0
    if extra:
        blocks.append(Small(pack.say("actions.opener.more", count=extra)))
    return blocks
