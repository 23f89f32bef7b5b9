"""Malformed bodies get a 4xx and the server keeps serving (hypothesis, 1,000+ examples)."""

from __future__ import annotations

import asyncio
import copy
import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.settings import load_settings
from runtime.server import build, close, serving
from tests.conftest import free_port

from .conftest import SECRET, FakeSlack, sign
from .conftest import fixture as recorded

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Live:
    port: int
    conn: http.client.HTTPConnection

    def post(self, body: str, content_type: str) -> int:
        headers = {"Content-Type": content_type, **sign(body)}
        self.conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
        resp = self.conn.getresponse()
        resp.read()
        return resp.status

    def healthy(self) -> bool:
        self.conn.request("GET", "/healthz")
        resp = self.conn.getresponse()
        resp.read()
        return resp.status == 200


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One real server (and fake Slack API) in a thread, reused by every example."""
    tmp = tmp_path_factory.mktemp("slack-fuzz")
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop = asyncio.Event()
    port = free_port()

    async def main() -> None:
        fake = FakeSlack()
        api = web.Application()
        api.router.add_route("*", "/api/{method}", fake.api)
        api.router.add_post("/hooks/{name}", fake.hook)
        runner = web.AppRunner(api, access_log=None)
        await runner.setup()
        api_port = free_port()
        await web.TCPSite(runner, "127.0.0.1", api_port).start()
        fake.base = f"http://127.0.0.1:{api_port}"
        runtime = await build(
            load_settings(
                COPROD_DB=str(tmp / "coprod.json"),
                COPROD_ADMINS="",
                SLACK_BOT_TOKEN="xoxb-test-token",
                SLACK_SIGNING_SECRET=SECRET,
                SLACK_API_URL=fake.api_url,
            )
        )
        async with serving(runtime, "127.0.0.1", port):
            ready.set()
            await stop.wait()
        await close(runtime)
        await runner.cleanup()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert ready.wait(10), "the server did not start"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    yield Live(port, conn)
    conn.close()
    loop.call_soon_threadsafe(stop.set)
    thread.join(10)


def fixture(name: str) -> dict[str, Any]:
    """A recorded payload whose response_url points nowhere on loopback (no internet)."""
    body = recorded(name)
    if "response_url" in body:
        body["response_url"] = "http://127.0.0.1:9/hooks/x"
    return body


def _form(data: dict[str, Any]) -> str:
    return urlencode(data)


def _interaction(payload: Any) -> str:
    return urlencode({"payload": json.dumps(payload)})


# (fixture, how it is sent, paths that must be there)
REQUIRED: list[tuple[str, str, list[tuple[str, ...]]]] = [
    ("slash_command", FORM, [("user_id",), ("channel_id",), ("team_id",)]),
    (
        "message_channel",
        JSON,
        [("team_id",), ("event_id",), ("event",), ("event", "type"), ("event", "channel")],
    ),
    ("app_mention", JSON, [("event", "user"), ("event", "channel")]),
    ("member_joined_channel", JSON, [("event", "channel"), ("event", "user")]),
    ("app_home_opened", JSON, [("event", "user")]),
    ("block_actions", "payload", [("user", "id"), ("team", "id"), ("actions",), ("user",)]),
    ("view_submission", "payload", [("view",), ("view", "private_metadata"), ("user", "id")]),
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
not_a_string = json_values.filter(lambda v: not isinstance(v, str))


def _encode(body: Any, how: str) -> tuple[str, str]:
    if how == FORM:
        return _form({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}), FORM
    if how == "payload":
        return _interaction(body), FORM
    return json.dumps(body), JSON


def _at(body: dict[str, Any], path: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    for key in path[:-1]:
        body = body[key]
    return body, path[-1]


@st.composite
def missing_field(draw: st.DrawFn) -> tuple[str, str]:
    name, how, paths = draw(st.sampled_from(REQUIRED))
    body = copy.deepcopy(fixture(name))
    holder, key = _at(body, draw(st.sampled_from(paths)))
    del holder[key]
    return _encode(body, how)


@st.composite
def wrong_type(draw: st.DrawFn) -> tuple[str, str]:
    name, how, paths = draw(st.sampled_from([r for r in REQUIRED if r[1] != FORM]))
    body = copy.deepcopy(fixture(name))
    holder, key = _at(body, draw(st.sampled_from(paths)))
    holder[key] = draw(
        not_a_string.filter(lambda v, k=key: not (k == "event" and isinstance(v, dict) and v))
    )
    return _encode(body, how)


@st.composite
def bad_json(draw: st.DrawFn) -> tuple[str, str]:
    text = "{" + draw(st.text(max_size=60))
    try:
        json.loads(text)
        text += "{"  # make sure it is broken
    except ValueError:
        pass
    how = draw(st.sampled_from(["json", "payload"]))
    return (text, JSON) if how == "json" else (urlencode({"payload": text}), FORM)


@st.composite
def not_an_object(draw: st.DrawFn) -> tuple[str, str]:
    value = draw(json_values.filter(lambda v: not isinstance(v, dict)))
    return json.dumps(value), JSON


@st.composite
def garbage(draw: st.DrawFn) -> tuple[str, str]:
    data = draw(st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4))
    data.pop("command", None), data.pop("payload", None), data.pop("ssl_check", None)
    return urlencode(data), FORM


malformed = st.one_of(missing_field(), wrong_type(), bad_json(), not_an_object(), garbage())


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=malformed)
def test_malformed_bodies_get_4xx(live: Live, case: tuple[str, str]) -> None:
    body, content_type = case
    status = live.post(body, content_type)
    assert 400 <= status < 500, (status, body[:300])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A real payload with any one value anywhere replaced: valid or not, never a 5xx."""
    name, how, _paths = draw(st.sampled_from(REQUIRED))
    body = copy.deepcopy(fixture(name))
    node: Any = body
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(json_values)
        break
    return _encode(body, how)


# The server thread's own use of `random` (retry jitter) is not the strategies' doing.
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated())
def test_any_mutated_payload_never_breaks_the_server(live: Live, case: tuple[str, str]) -> None:
    body, content_type = case
    status = live.post(body, content_type)
    assert status < 500, (status, body[:300])


def test_the_server_still_serves_after_the_fuzzing(live: Live) -> None:
    assert live.healthy()
    form = urlencode({**fixture("slash_command"), "response_url": "http://127.0.0.1:9/x"})
    assert live.post(form, FORM) == 200


def test_fixtures_are_valid_slack_payloads(live: Live) -> None:
    for name, how, _ in REQUIRED:
        body, ctype = _encode(copy.deepcopy(fixture(name)), how)
        assert live.post(body, ctype) == 200, name
