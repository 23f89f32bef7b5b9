"""Hostile input on `/api/messages`, at the wire: unencodable text, deep nesting, echoes,
activities without a sender and invokes coprod does not offer (issue 13)."""

from __future__ import annotations

import json
import logging

import pytest

from bot.model import Platform
from tests.adapters.teams.conftest import Teams, in_personal_chat

ALEX = "29:1alex-teams-id"


def texts_sent(teams: Teams) -> str:
    return json.dumps([c.body for c in teams.connector.calls], ensure_ascii=False)


async def test_a_lone_surrogate_never_stops_saving(teams: Teams) -> None:
    """`\\ud800` is a legal JSON escape but no UTF-8: cleaned at the edge, it never reaches the
    store, and saving goes on for everyone afterwards."""
    hostile = teams.activity("channel_mention")
    hostile["from"]["name"] = "Al\ud800ex"
    hostile["channelData"]["channel"]["name"] = "Part\udfffners"
    hostile["text"] = hostile["text"] + " \ud83d"
    status, _ = await teams.post(hostile)  # json.dumps writes the lone surrogates as escapes
    assert status < 500
    other = in_personal_chat(teams.activity("personal_message"), "a:1personal-other")
    status, _ = await teams.post(other)
    assert status == 201
    store = teams.runtime.store
    stored = await store.find("conversations")
    assert {d["_key"] for d in stored} >= {
        "teams:tenant-one:19:general0@thread.tacv2",
        "teams:tenant-one:a:1personal-other",
    }
    json.dumps(stored, ensure_ascii=False).encode("utf-8")  # every document encodes
    assert "Part\ufffdners" in {d.get("channel_name") for d in stored}


@pytest.mark.parametrize("depth", [65, 5_000, 100_000])
async def test_deep_nesting_is_a_400_and_one_log_line(
    teams: Teams, caplog: pytest.LogCaptureFixture, depth: int
) -> None:
    body = '{"type": "message", "value": ' + "[" * depth + "]" * depth + "}"
    with caplog.at_level(logging.INFO):
        status, answer = await teams.post(body, raw=True)
    assert status == 400 and "nested" in answer["error"]
    mine = [r for r in caplog.records if r.name.startswith(("adapters", "bot", "aiohttp"))]
    assert len(mine) == 1 and mine[0].exc_info is None, [r.getMessage() for r in mine]
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize(
    "typed",
    [
        "[click](https://evil.example/x)",
        "![img](https://evil.example/i.png)",
        "<script>alert(1)</script>",
        "<a\u00a0href='https://evil.example'>x</a>",
        "he\u200blp\u202e",
    ],
)
async def test_the_unknown_command_reply_echoes_only_inert_text(teams: Teams, typed: str) -> None:
    status, _ = await teams.send("personal_message", text=typed)
    assert status == 201
    sent = texts_sent(teams)
    assert "I do not know" in sent
    for live in ("](https://evil", "<script", "<a", "\u200b", "\u202e"):
        assert live not in sent, (live, sent)


async def test_an_activity_without_a_sender_gets_a_sensible_answer(teams: Teams) -> None:
    for name in ("personal_message", "channel_mention"):
        activity = teams.activity(name, text="check")
        del activity["from"]
        status, _ = await teams.post(activity)
        assert status == 201
    sent = texts_sent(teams)
    assert sent.count("I could not tell who sent that") == 2
    assert "something went wrong" not in sent


async def test_a_click_without_a_sender_gets_a_sensible_answer(teams: Teams) -> None:
    activity = teams.activity("execute_action")
    del activity["from"]
    status, body = await teams.post(activity)
    assert status == 200
    assert "I could not tell who sent that" in json.dumps(body)


@pytest.mark.parametrize(
    "name, shape",
    [
        ("task/fetch", "task"),
        ("composeExtension/query", "composeExtension"),
        ("signin/verifyState", "value"),
        ("fileConsent/invoke", "value"),
        ("made/up", "value"),
        (None, "value"),
    ],
)
async def test_invokes_coprod_does_not_offer_get_a_sensible_200(
    teams: Teams, name: str | None, shape: str
) -> None:
    activity = teams.activity("execute_action", value={})
    if name is None:
        del activity["name"]
    else:
        activity["name"] = name
    status, body = await teams.post(activity)
    assert status == 200, body
    assert shape in body and "I cannot do that from here" in json.dumps(body)
    assert (
        await teams.runtime.core.conversation("teams:tenant-one:19:general0@thread.tacv2")
        is not None
    )
    assert teams.runtime.core.adapters[Platform.TEAMS]
