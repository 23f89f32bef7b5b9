"""Hostile admin text is stored cleaned and shown inert: in the core's markdown (escaped with
`plain()`) and in the local chat's HTML. Too-long text is refused and nothing is stored."""

from __future__ import annotations

import pytest

from adapters.local.render import reply_html
from bot.admin.validate import prompt_text
from bot.context import Context
from bot.markup import plain, unescape
from bot.model import Command
from tests.conftest import Chat
from tests.injection import INVISIBLE, assert_inert_html, cases

from .conftest import ADA, HOME, Bot

SHOWN = cases(include_too_long=False)
P4_SHIPPED = ["p4.reflection.1", "p4.reflection.2", "p4.reflection.3", "p4.reflection.4"]


def test_the_corpus_has_what_the_issue_asks_for() -> None:
    texts = " ".join(c["text"] for c in cases())
    for needle in (
        "<!channel>",
        "<!here>",
        "<@U123>",
        "@channel",
        "<https://",
        "](http",
        "<script>",
        "**x**",
        "_y_",
        "\u200b",
        "\u202e",
    ):
        assert needle in texts, needle
    assert any(len(c["text"]) == 10000 and c.get("too_long") for c in cases())


async def test_hostile_prompts_are_stored_clean_and_shown_inert(chat: Chat) -> None:
    core = chat.runtime.core
    for i, case in enumerate(SHOWN):
        channel = f"inj{i}"
        cleaned = prompt_text(case["text"])
        assert not INVISIBLE.search(cleaned)
        added = await chat.say(
            f"/coprod admin prompts add 4 reflection {case['text']}", user="ada", channel=channel
        )
        assert added[0]["visibility"] == "private"
        assert_inert_html(added[0]["html"], cleaned), case["name"]
        new_id = f"p4.reflection.a{i + 1}"
        stored = await core.store.get("prompt_overrides", f"local:local:{channel}:{new_id}")
        assert stored is not None and stored["text"] == cleaned, case["name"]

        # every feature reads prompts through ctx.prompts: admin wording arrives escaped
        ref = HOME.__class__(HOME.platform, HOME.workspace, channel, channel_name=channel)
        effective = await Context(core, Command(ref, ADA)).prompts("reflection", 4)
        mine = next(p for p in effective if p.id == new_id)
        assert mine.text == plain(cleaned) and unescape(mine.text) == cleaned, case["name"]

        for prompt_id in P4_SHIPPED:  # leave the admin's question as the only one
            await chat.say(
                f"/coprod admin prompts disable {prompt_id}", user="ada", channel=channel
            )
        card = await chat.say("/coprod principle 4", user="bob", channel=channel)
        assert_inert_html(card[0]["html"], cleaned)
        listing = await chat.say("/coprod admin prompts 4 reflection", user="ada", channel=channel)
        assert_inert_html(listing[0]["html"], cleaned)
        edited = await chat.say(
            f"/coprod admin prompts edit {new_id} {case['text']} again", user="ada", channel=channel
        )
        assert_inert_html(edited[0]["html"], f"{cleaned} again")

        # refused values are echoed back inert too
        for command in ("admin timezone", "admin admins add", "admin prompts edit"):
            refused = await chat.say(
                f"/coprod {command} {case['text']}", user="ada", channel=channel
            )
            assert_inert_html(refused[0]["html"])

    audit = await chat.say("/coprod admin audit", user="ada")
    assert_inert_html(audit[0]["html"], prompt_text(SHOWN[-1]["text"]) + " again")


@pytest.mark.parametrize("command", ["admin prompts add 4 reflection", "admin prompts add 4 check"])
async def test_ten_thousand_characters_are_refused_and_nothing_is_stored(
    bot: Bot, command: str
) -> None:
    long = next(c["text"] for c in cases() if c.get("too_long"))
    before = await bot.snapshot()
    replies = await bot.run(f"{command} {long}")
    assert replies[0].is_error and "300 or fewer" in replies[0].text
    assert len(replies[0].text) < 1000
    assert_inert_html(reply_html(replies[0]))
    assert await bot.snapshot() == before
    edit = await bot.run(f"admin prompts edit p4.reflection.1 {long}")
    assert edit[0].is_error and await bot.snapshot() == before
