"""Hostile input on `/slack/events`, at the wire: oddly shaped signed bodies, deep nesting,
unencodable text, echoes and replays (issue 13)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any
from urllib.parse import urlencode

import pytest

from adapters.slack.replay import ReplayGuard

from .conftest import SlackClient, click_payload, fixture, sign

FORM = "application/x-www-form-urlencoded"


def _command_form(**changes: str) -> dict[str, str]:
    form = {**fixture("slash_command"), **changes}
    return form


@pytest.mark.parametrize(
    "extra",
    [
        {"event": "x"},
        {"event": "{}"},
        {"message": "x"},
        {"view": "x"},
        {"authorizations": "x"},
        {"item": "x"},
        {"assistant_thread": "x"},
    ],
)
async def test_a_slash_command_with_an_envelope_field_gets_a_4xx(
    slack: SlackClient, extra: dict[str, str]
) -> None:
    form = _command_form(response_url=slack.fake.response_url(), **extra)
    status, _ = await slack.post(urlencode(form), FORM)
    assert 400 <= status < 500
    await slack.settle()
    assert slack.fake.of("hooks") == []


@pytest.mark.parametrize("view", [{"private_metadata": ""}, {"type": 5}, {"type": None}])
async def test_a_view_submission_whose_view_lacks_a_type_gets_a_4xx(
    slack: SlackClient, view: dict[str, Any]
) -> None:
    payload = fixture("view_submission")
    payload["view"] = {k: v for k, v in payload["view"].items() if k != "type"} | view
    status, _ = await slack.interaction(payload)
    assert 400 <= status < 500


@pytest.mark.parametrize(
    "change",
    [
        {"channel": {"id": "C2147483705", "name": ["general"]}},
        {"container": ["x"]},
        {"container": {"message_ts": 5}},
        {"user": {"id": "U2147483697", "username": {"a": 1}}},
        {"message": {"ts": "1.2", "thread_ts": ["1.1"]}},
        {"event": None},  # Bolt reads body.get("event", {}).get(...): null is not {}
        {"view": None},
    ],
)
async def test_a_click_with_oddly_typed_fields_gets_a_4xx_and_no_traceback(
    slack: SlackClient, caplog: pytest.LogCaptureFixture, change: dict[str, Any]
) -> None:
    # Found by the endpoint fuzz test: these were acked, then the background work raised.
    payload = click_payload("demo.go#0", {"n": "1"}) | change
    with caplog.at_level(logging.INFO):
        status, _ = await slack.interaction(payload)
        await slack.settle()
    assert 400 <= status < 500
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


@pytest.mark.parametrize("depth", [65, 5_000, 100_000])
@pytest.mark.parametrize("how", ["json", "payload"])
async def test_deep_nesting_is_a_400_and_one_log_line(
    slack: SlackClient, caplog: pytest.LogCaptureFixture, depth: int, how: str
) -> None:
    nested = "[" * depth + "]" * depth
    if how == "json":
        body, ctype = '{"type": "event_callback", "event": ' + nested + "}", "application/json"
    else:
        body, ctype = urlencode({"payload": '{"type": "block_actions", "x": ' + nested + "}"}), FORM
    with caplog.at_level(logging.INFO):
        status, answer = await slack.post(body, ctype)
    assert status == 400 and "nested" in answer
    mine = [r for r in caplog.records if r.name.startswith(("adapters", "bot", "aiohttp"))]
    assert len(mine) == 1 and mine[0].exc_info is None, [r.getMessage() for r in mine]


async def test_a_lone_surrogate_in_an_event_never_stops_saving(slack: SlackClient) -> None:
    body = fixture("member_joined_channel")
    body["event"]["channel_type"] = "C\ud800"
    body["event_id"] = "Ev\udfff1"
    status, _ = await slack.post(json.dumps(body), "application/json")
    assert status == 200
    await slack.settle()
    status, _ = await slack.command("help", channel_id="C-after", channel_name="after")
    assert status == 200
    await slack.settle()
    store = slack.runtime.store
    docs = [*await store.find("slack_events"), *await store.find("conversations")]
    json.dumps(docs, ensure_ascii=False).encode("utf-8")
    assert await store.get("conversations", "slack:T0001:C-after") is not None


@pytest.mark.parametrize(
    "typed",
    ["<https://evil.example|click>", "*bold*<!channel>", "he\u200blp\u202e", "x\x00\x1b[31m"],
)
async def test_the_unknown_command_reply_echoes_only_inert_text(
    slack: SlackClient, typed: str
) -> None:
    status, _ = await slack.command(typed)
    assert status == 200
    await slack.settle()
    sent = json.dumps(slack.fake.of("hooks"), ensure_ascii=False)
    assert "I do not know" in sent
    for live in ("<https://evil", "<!channel>", "\u200b", "\u202e", "\\u0000", "\\u001b"):
        assert live not in sent, (live, sent)


async def test_a_replayed_slash_command_runs_once(slack: SlackClient) -> None:
    form = urlencode(_command_form(text="principles", response_url=slack.fake.response_url()))
    signed = sign(form)
    statuses = [(await slack.post(form, FORM, signed=signed))[0] for _ in range(3)]
    assert statuses[0] == 200 and all(s < 500 for s in statuses)
    await slack.settle()
    assert len(slack.fake.of("chat.postMessage")) == 1
    # Signed again (a new timestamp): a new request, not a replay.
    status, _ = await slack.post(form, FORM, signed=sign(form, int(time.time()) + 7))
    assert status == 200
    await slack.settle()
    assert len(slack.fake.of("chat.postMessage")) == 2


async def test_a_replayed_click_runs_once(slack: SlackClient) -> None:
    payload = click_payload("nope.unknown#0", {"n": "1"})
    payload["response_url"] = slack.fake.response_url()
    body = urlencode({"payload": json.dumps(payload)})
    signed = sign(body)
    for _ in range(3):
        status, _ = await slack.post(body, FORM, signed=signed)
        assert status < 500
    await slack.settle()
    assert len(slack.fake.of("hooks")) == 1  # "That button is no longer active", once


async def test_replay_records_expire_a_bucket_per_write(slack: SlackClient) -> None:
    store = slack.runtime.store
    guard = ReplayGuard(store, now=lambda: 1_000_000_200)
    writes: list[str] = []
    for bucket_start in (1_000_000_200, 1_000_000_500):
        for n in range(50):
            assert await guard.first_time(f"v0=sig{bucket_start}-{n}", bucket_start + n)
    assert not await guard.first_time("v0=sig1000000200-3", 1_000_000_203)
    original = store.delete_upto

    async def counting(table: str, field: str, upto: float, **where: Any) -> int:
        writes.append(table)
        return await original(table, field, upto, **where)

    store.delete_upto = counting  # type: ignore[method-assign]
    assert await guard.purge(1_000_000_500 + 60) == 0  # both buckets may still be valid
    assert await guard.purge(1_000_000_800 + 61) == 50  # the older bucket went
    assert writes == ["slack_signatures"] * 2  # one write a purge, whatever it removes
    assert await store.count("slack_signatures") == 50
