"""Issue 16 §2 and §6 in the core: small talk, the definition of co-production, number words,
count-aware messages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.model import ChatKind, Command, ConversationRef, Installed, Platform, User
from bot.prompts import load_shipped
from bot.prompts.plural import category, choose
from tests.admin.conftest import Bot, make_bot, text_of

DM = ConversationRef(Platform.SLACK, "T1", "D1", kind=ChatKind.DIRECT)
CHANNEL = ConversationRef(Platform.SLACK, "T1", "C1", channel_name="team")
ALEX = User("U1", "Alex")
PACK = load_shipped()


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path)
    yield made
    await made.store.close()


async def say(bot: Bot, text: str, ref: ConversationRef = DM) -> str:
    return text_of(await bot.core.handle(Command(ref, ALEX, text=text)))


@pytest.mark.parametrize("text", ["hello", "hi", "Hi there!", "hey coprod", "good morning"])
async def test_a_greeting_gets_a_short_friendly_reply(bot: Bot, text: str) -> None:
    answer = await say(bot, text)
    assert answer == PACK.say("smalltalk.hello")
    assert "/coprod help" in answer


@pytest.mark.parametrize("text", ["thanks", "thank you", "Thank you so much!", "cheers 🙏"])
async def test_thanks_gets_a_short_friendly_reply(bot: Bot, text: str) -> None:
    assert await say(bot, text) == PACK.say("smalltalk.thanks")


async def test_small_talk_is_not_mistaken_for_a_command(bot: Bot) -> None:
    assert "I do not know" in await say(bot, "hello world")


@pytest.mark.parametrize(
    "text",
    [
        "what is co-production?",
        "What is coproduction",
        "what's co-production?",
        "explain co-production",
        "explain coproduction?",
        "explain Co-Production",
    ],
)
async def test_what_is_co_production_quotes_the_framework(bot: Bot, text: str) -> None:
    answer = await say(bot, text, CHANNEL)
    assert PACK.definition in answer
    assert PACK.source.title in answer and PACK.source.authors in answer


async def test_explain_still_explains_other_words(bot: Bot) -> None:
    assert PACK.definition not in await say(bot, "explain stakeholder")


async def test_the_welcome_names_three_commands_and_two_first_steps(bot: Bot) -> None:
    replies = await bot.core.handle(Installed(CHANNEL, None))
    (welcome,) = replies
    assert not welcome.private and welcome.card is not None
    shown = text_of(replies)
    for command in ("/coprod help", "/coprod principles", "/coprod jargon"):
        assert command in shown
    assert "/coprod meeting add" in shown and "/coprod check" in shown
    assert await bot.core.handle(Installed(CHANNEL, None)) == []  # once per conversation


@pytest.mark.parametrize(
    "word, number",
    [("five", 5), ("Five", 5), ("one", 1), ("eight", 8), ("fifth", 5), ("principle three", 3)],
)
async def test_principle_by_number_word(bot: Bot, word: str, number: int) -> None:
    replies = await bot.core.handle(Command(CHANNEL, ALEX, text=f"principle {word}"))
    assert replies[0].card is not None
    assert replies[0].card.title.startswith(f"Principle {number}:")


def test_count_aware_messages_choose_the_form_for_the_number() -> None:
    assert "Based on 1 check that" in PACK.say("report.rounds", count=1)
    assert "Based on 2 checks that" in PACK.say("report.rounds", count=2)
    one = PACK.say("admin.export.summary", rounds=1, channels=1, rows=8)
    assert "1 round in 1 channel, 8 rows" in one
    many = PACK.say("admin.export.summary", rounds=3, channels=2, rows=1)
    assert "3 rounds in 2 channels, 1 row " in many
    assert "(1 record)" in PACK.say("forget.done", count=1)
    assert "1 day." in PACK.say("admin.check.days_set", where="here", days=1)
    assert "every 1 week " in PACK.say("nudge.why.check", weeks=1)


def test_no_message_says_one_with_a_plural_noun() -> None:
    """Every count-taking message, filled with 1, reads "1 check", never "1 checks"."""
    for message_id, text in PACK.messages.items():
        names = set(re.findall(r"\{(\w+)\} \{\1:", text))
        if not names:
            continue
        filled = PACK.say(message_id, **{n: 1 for n in names})
        assert not re.search(r"\b1 (checks|rounds|channels|rows|records|days|weeks)\b", filled)


def test_plural_categories_and_named_forms() -> None:
    assert category(1) == "one" and category(0) == "other" and category(2) == "other"
    assert category(2, "cy") == "two" and category(3, "cy") == "few"
    assert choose("{n:one=a|two=b|other=c}", {"n": 2}, "cy") == "b"
    assert choose("{n:one=a|two=b|other=c}", {"n": 7}, "cy") == "c"
    assert choose("{n:check|checks}", {"n": "1"}) == "check"
    assert choose("{n:check|checks}", {"n": "lots"}) == "checks"
