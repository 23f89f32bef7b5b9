"""Issue 16, section 1: names as people write them, and refusals in the bot's own words.

Defect: every message from "Siobhán O'Brien" or "Zoë 🌈" got pydantic's
`user: String should match pattern '^[\\w .@-]+$'`."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from adapters.local.routes import MessageIn
from bot.prompts import load_shipped
from tests.adapters.local.sse import opened
from tests.conftest import Chat

PACK = load_shipped()
NAMES = [
    "Siobhán O'Brien",
    "Zoë 🌈",
    "José-María Núñez",
    "Nguyễn Thị Minh",
    "李小龍",
    "Ana (she/her)",
]
# Markers pydantic and Python put in their own messages: none may reach a person.
VALIDATOR_WORDS = ("String should", "Input should", "Field required", "pattern", "[\\w", "type=")


def from_prompts(sentence: str) -> bool:
    """True when `sentence` is one of the `local.refused.*` messages, placeholders filled."""
    for key, text in PACK.messages.items():
        if not key.startswith("local.refused."):
            continue
        fixed = [part for part, *_ in string.Formatter().parse(text) if part]
        if fixed and all(part in sentence for part in fixed):
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
async def test_names_with_accents_apostrophes_and_emoji_are_accepted(chat: Chat, name: str) -> None:
    replies = await chat.say("/coprod help", user=name, channel="shared")
    assert replies and replies[0]["card"]["title"]
    async with chat.session.post(
        f"{chat.base}/local/messages", json={"user": name, "text": "Hello"}
    ) as resp:
        assert resp.status == 200
        assert (await resp.json())["message"]["author"] == name


def test_names_are_tidied_not_rewritten() -> None:
    from adapters.local.refusals import person_name

    assert person_name("  Siobhán   O'Brien ") == "Siobhán O'Brien"
    assert person_name("Zoe\u0308") == "Zoë"  # one way to write ë, whichever way it was typed
    assert person_name("Ana 👩🏽‍🔬") == "Ana 👩🏽‍🔬"  # the joiner inside the emoji stays


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("not json", "local.refused.body"),
        ("[]", "local.refused.body"),
        ('{"user": "", "text": "x"}', "local.refused.name_missing"),
        ('{"user": "   ", "text": "x"}', "local.refused.name_missing"),
        ('{"text": "x"}', "local.refused.name_missing"),
        ('{"user": 5, "text": "x"}', "local.refused.name_missing"),
        ('{"user": "' + "a" * 65 + '", "text": "x"}', "local.refused.name_long"),
        ('{"user": "' + "a" * 5000 + '", "text": "x"}', "local.refused.name_long"),
        ('{"user": "a\\u0000b", "text": "x"}', "local.refused.name_character"),
        ('{"user": "evil\\u202egnp", "text": "x"}', "local.refused.name_character"),
        ('{"user": "a"}', "local.refused.text_missing"),
        ('{"user": "a", "text": 5}', "local.refused.text_missing"),
        ('{"user": "a", "text": "' + "x" * 5000 + '"}', "local.refused.text_long"),
        ('{"user": "a", "text": "x", "channel": "a/b"}', "local.refused.channel"),
        ('{"user": "a", "text": "x", "direct": "maybe"}', "local.refused.direct"),
        ('{"user": "a", "text": "x", "thread": 7}', "local.refused.thread"),
    ],
)
async def test_each_refusal_is_a_sentence_from_prompts(chat: Chat, body: str, why: str) -> None:
    async with chat.session.post(f"{chat.base}/local/messages", data=body) as resp:
        assert resp.status == 400
        error = (await resp.json())["error"]
    expected = PACK.messages[why].split("{")[0]
    assert error.startswith(expected), error
    assert not any(word in error for word in VALIDATOR_WORDS), error
    assert await chat.say("/coprod principles")  # still serving


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ('{"user": "a", "action_id": ""}', "local.refused.action"),
        ('{"user": "a", "action_id": "x", "value": [1]}', "local.refused.action"),
        ('{"user": "a", "action_id": "x", "value": {"k": {"deep": 1}}}', "local.refused.action"),
    ],
)
async def test_card_actions_are_refused_in_words_too(chat: Chat, body: str, why: str) -> None:
    async with chat.session.post(f"{chat.base}/local/actions", data=body) as resp:
        assert resp.status == 400
        assert (await resp.json())["error"] == PACK.say(why)


async def test_the_stream_and_the_poll_refuse_in_words(chat: Chat) -> None:
    async with opened(chat.session, chat.base, user="", channel="shared") as page:
        event = await page.next()
    assert event.kind == "refused"
    assert event.data["error"] == PACK.say("local.refused.name_missing")
    for params in ({"user": "a", "after": "zz"}, {"user": "a", "channel": "<b>"}):
        async with chat.session.get(f"{chat.base}/local/messages", params=params) as resp:
            assert resp.status == 400
            assert from_prompts((await resp.json())["error"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["user", "text", "channel", "direct", "thread"]),
        st.one_of(
            st.text(max_size=80),
            st.integers(),
            st.none(),
            st.booleans(),
            st.lists(st.integers(), max_size=2),
        ),
    )
)
def test_whatever_is_sent_the_refusal_is_ours(data: dict) -> None:
    try:
        MessageIn.model_validate(data)
    except ValidationError as exc:
        from adapters.local.refusals import refusal

        sentence = refusal(exc, PACK)
        assert from_prompts(sentence), (json.dumps(data), sentence)
        assert not any(word in sentence for word in VALIDATOR_WORDS)
