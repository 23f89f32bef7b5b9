"""Values people copy out of a card are what the bot accepts (issue 16 §4): every `code` span
(time zones, prompt ids, commands, CSV) keeps its real characters on Teams and Slack, never
look-alikes or curly quotes, and a value copied back in is accepted."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from adapters.slack.render import card_blocks, reply_blocks
from adapters.teams.render import card_json, message_json
from bot.markup import unescape
from bot.model import Card, Context, Fields, Reply, Text
from runtime.features import shipped
from tests.adapters.teams.test_chart_cards import errors as schema_errors
from tests.admin.conftest import make_bot
from tests.catalogue import cards
from tests.words import SLACK_FORM_OPEN, TEAMS_REQUIRED

COMMANDS = shipped().commands
CODE = re.compile(r"`([^`\n]+)`")
LOOKALIKES = re.compile("[＿﹤﹥∗［］ˍ∼“”]")


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def core_values(card: Card) -> list[str]:
    """The values the core put in code, as the bot reads them."""
    found: list[str] = []
    for block in card.blocks:
        texts = [block.text] if isinstance(block, Text | Context) else []
        if isinstance(block, Fields):
            texts = [t for pair in block.items for t in pair]
        for text in texts:
            found += [unescape(v) for v in CODE.findall(text)]
    return found


def teams_values(rendered: dict[str, Any]) -> list[str]:
    """Code on a Teams card: Monospace runs of RichTextBlocks (TextBlock markdown has no code;
    a backtick there would be copied with the value), and any code left in facts."""
    found: list[str] = []
    for element in rendered["body"]:
        if element.get("type") == "RichTextBlock":
            runs = element["inlines"]
            found += [r["text"] for r in runs if r.get("fontType") == "Monospace"]
        else:
            texts = strings({k: element.get(k) for k in ("text", "facts")})
            found += [v for t in texts for v in CODE.findall(t)]
    return found


def no_backticks_on_cards(rendered: dict[str, Any]) -> None:
    """Teams shows a card's backticks as they are: none may be left in card text."""
    for element in rendered["body"]:
        if element.get("type") == "TextBlock":
            assert "`" not in element["text"], element["text"]


def slack_values(blocks: list[dict[str, Any]]) -> list[str]:
    texts = [o["text"] for b in blocks for o in _mrkdwn(b)]
    return [html.unescape(v) for t in texts for v in CODE.findall(t)]


def _mrkdwn(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        here = [value] if value.get("type") == "mrkdwn" else []
        return here + [o for v in value.values() for o in _mrkdwn(v)]
    if isinstance(value, list):
        return [o for v in value for o in _mrkdwn(v)]
    return []


async def test_every_value_in_code_is_rendered_as_the_bot_wrote_it(tmp_path: Path) -> None:
    seen = 0
    async for name, card in cards(tmp_path):
        wanted = core_values(card)
        seen += len(wanted)
        rendered = card_json(card, required_message=TEAMS_REQUIRED)
        teams, slack = (
            teams_values(rendered),
            slack_values(card_blocks(card, open_form_label=SLACK_FORM_OPEN)),
        )
        # Every character real on both, placeholders such as `<id>` included (issue 16 §4).
        assert teams == wanted, name
        assert slack == wanted, name
        no_backticks_on_cards(rendered)
        for value in teams + slack:
            assert not LOOKALIKES.search(value), (name, value)
    assert seen > 50


def copied(reply: Reply) -> tuple[list[str], list[str]]:
    """What people copy out of `reply`'s code, on Teams and on Slack."""
    teams_body = message_json(reply, required_message=TEAMS_REQUIRED)
    if "attachments" in teams_body:
        card = teams_body["attachments"][0]["content"]
        no_backticks_on_cards(card)
        assert not schema_errors(card), schema_errors(card)
        teams = teams_values(card)
    else:
        # Plain Teams message markdown carries no code: how a Teams client shows `<zone>` or
        # `New_York` there is not documented, so a text with code goes as a card.
        assert not CODE.search(teams_body["text"]), teams_body["text"]
        teams = []
    return teams, slack_values(reply_blocks(reply, open_form_label=SLACK_FORM_OPEN))


async def test_a_plain_teams_message_with_code_copies_exactly_what_the_bot_accepts(
    tmp_path: Path,
) -> None:
    """Issue 16 §4 on plain (non-card) Teams messages: a text reply with code (a refused value
    and its correct form, `admin timezone <zone>`) is a card whose code is Monospace runs, so
    the placeholder and the value keep their real characters and the copy runs again."""
    bot = await make_bot(tmp_path)
    [refused] = await bot.run("admin timezone Mars/Olympus_Mons")
    assert refused.card is None and "`" in refused.text
    teams, slack = copied(refused)
    assert teams == slack == [unescape(v) for v in CODE.findall(refused.text)]
    assert "admin timezone <zone>" in teams
    for value in teams:
        assert not LOOKALIKES.search(value), value
        if value.startswith("/coprod "):
            [again] = await bot.run(value.removeprefix("/coprod "))
            assert not again.is_error, (value, again.text)
    [tips] = await bot.run("jargon tips on")
    assert "/coprod jargon tips off" in copied(tips)[0]


async def test_copied_time_zones_prompt_ids_and_commands_are_accepted(tmp_path: Path) -> None:
    bot = await make_bot(tmp_path)
    [zone] = await bot.run("admin timezone America/New_York")
    [current] = await bot.run("admin timezone")  # the current value is in code too
    [suggested] = await bot.run("admin timezone America/New_Yrok")
    assert "America/New_York" in copied(suggested)[0] + copied(suggested)[1]
    for reply in (zone, current):
        for values in copied(reply):
            assert "America/New_York" in values, values
            [again] = await bot.run(f"admin timezone {values[0]}")
            assert "already" in again.text and not again.is_error
    [listing] = await bot.run("admin prompts 5")
    for values in copied(listing):
        ids = [v for v in values if re.fullmatch(r"p\d\.[\w.]+", v)]
        assert len(ids) >= 5
        for prompt_id in ids:
            [answer] = await bot.run(f"admin prompts enable {prompt_id}")
            assert not answer.is_error, (prompt_id, answer.text)
    [shown] = await bot.run("help")
    for values in copied(shown):
        commands = [v.removeprefix("/coprod ").split()[0] for v in values if "coprod " in v]
        assert len(commands) >= 10
        assert all(c in COMMANDS for c in commands), commands
