"""Hostile input on the local chat's API, at the wire: unencodable text, deep nesting and
echoes (issue 13)."""

from __future__ import annotations

import json
import logging

import pytest

from tests.conftest import Chat


async def post(chat: Chat, path: str, body: str) -> tuple[int, dict[str, object]]:
    async with chat.session.post(
        f"{chat.base}{path}", data=body, headers={"Content-Type": "application/json"}
    ) as resp:
        return resp.status, await resp.json()


async def test_a_lone_surrogate_never_stops_saving(chat: Chat) -> None:
    for body in (
        {"user": "alex", "channel": "general", "text": "/coprod glossary add KPI\ud800 = x"},
        {"user": "al\ud800ex", "channel": "general", "text": "/coprod principles"},
        {"user": "alex", "channel": "general", "text": "/coprod \udfff"},
    ):
        status, _ = await post(chat, "/local/messages", json.dumps(body))
        assert status < 500
    assert await chat.say("/coprod principles", channel="after")
    store = chat.runtime.store
    assert await store.get("conversations", "local:local:after") is not None
    for table in await store.tables():
        json.dumps(await store.find(table), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("path", ["/local/messages", "/local/actions"])
@pytest.mark.parametrize("depth", [65, 5_000, 100_000])
async def test_deep_nesting_is_a_400_and_one_log_line(
    chat: Chat, caplog: pytest.LogCaptureFixture, path: str, depth: int
) -> None:
    body = '{"user": "alex", "text": "x", "value": ' + "[" * depth + "]" * depth + "}"
    with caplog.at_level(logging.INFO):
        status, answer = await post(chat, path, body)
    assert status == 400 and "error" in answer
    mine = [r for r in caplog.records if r.name.startswith(("adapters", "bot", "aiohttp"))]
    assert len(mine) == 1 and mine[0].exc_info is None, [r.getMessage() for r in mine]


@pytest.mark.parametrize("typed", ["he\u200blp\u202e", "<script>x</script>", "[a](http://e.x)"])
async def test_the_unknown_command_reply_echoes_only_inert_text(chat: Chat, typed: str) -> None:
    replies = await chat.say(f"/coprod {typed}")
    sent = json.dumps(replies, ensure_ascii=False)
    assert "I do not know" in sent
    for live in ("\u200b", "\u202e"):
        assert live not in sent, (live, sent)
    shown = " ".join(str(r.get("html")) for r in replies)  # what the page puts in the chat
    for live in ("<script", "<a "):
        assert live not in shown, (live, shown)
