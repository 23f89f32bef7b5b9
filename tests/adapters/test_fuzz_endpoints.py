"""Fuzz every endpoint that takes a body (hypothesis, bounded): never a 5xx, never a traceback.

Real servers on 127.0.0.1 (the local chat with Teams unauthenticated, and Slack over signed
HTTP, each beside its fake platform API), fed real payloads with one value anywhere replaced by
something hostile: lone surrogates, control, zero-width and bidi characters, deep nesting,
odd types, envelope fields where they do not belong. Afterwards every stored document still
encodes as UTF-8 and the servers still answer a good request."""

from __future__ import annotations

import asyncio
import copy
import http.client
import json
import logging
import os
import re
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.settings import load_settings
from bot.store import Store
from runtime.server import build, close, serving
from tests.conftest import free_port

from .slack.conftest import SECRET, FakeSlack, sign
from .slack.conftest import fixture as slack_fixture
from .teams.conftest import load_activity
from .teams.fake_connector import FakeConnector

# per endpoint; each is one request to a live server
EXAMPLES = int(os.environ.get("COPROD_FUZZ_EXAMPLES", "120"))
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# Any character at all, lone surrogates and controls included, weighted towards the nasty ones.
NASTY = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b", "\x7f", "\u200b", "\u202e", "\u2066", "\ufeff", "\r"]
)
hostile_text = st.lists(
    st.one_of(NASTY, st.characters(blacklist_categories=()), st.text(max_size=4)), max_size=12
).map("".join)
scalar = st.one_of(
    hostile_text, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False)
)
json_values = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=6,
)


DEEP = re.compile(r'"@deep(\d+)@"')


def _deepen(match: re.Match[str]) -> str:
    depth = int(match.group(1))
    return '{"k": [' * depth + "1" + "]}" * depth


# A marker, nested that deep once the body is JSON text (too deep for json.dumps itself).
hostile_value = st.one_of(json_values, st.integers(30, 50_000).map(lambda n: f"@deep{n}@"))


@st.composite
def mutated(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` with one value anywhere replaced (or one key added) by something hostile."""
    doc = copy.deepcopy(doc)
    node: Any = doc
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if isinstance(node, dict) and (not keys or draw(st.integers(0, 4)) == 0):
            node[draw(st.one_of(hostile_text, st.sampled_from(ENVELOPE)))] = draw(hostile_value)
            return doc
        if not keys:
            return doc
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(hostile_value)
        return doc


ENVELOPE = ["event", "view", "message", "type", "user", "team", "channel", "actions", "from"]


def dumps(value: Any) -> str:
    """JSON as a platform sends it: lone surrogates written as `\\ud800` escapes."""
    return DEEP.sub(_deepen, json.dumps(value, ensure_ascii=True))


@dataclass
class Tracebacks(logging.Handler):
    """Every log record that carries a traceback, from any thread."""

    seen: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # the whole records, to read on failure

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, logging.DEBUG)

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or "Traceback" in record.getMessage():
            self.seen.append(f"{record.name}: {record.getMessage()}")
            self.details.append(logging.Formatter().format(record))

    def __hash__(self) -> int:
        return id(self)


@dataclass
class Live:
    """A server in its own thread and event loop, shared by every example of the module."""

    port: int
    store: Store
    loop: asyncio.AbstractEventLoop
    tracebacks: Tracebacks
    connector_url: str = ""

    def post(self, path: str, body: str, content_type: str, **headers: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(
                "POST",
                path,
                body=body.encode("utf-8"),
                headers={"Content-Type": content_type, **headers},
            )
            resp = conn.getresponse()
            resp.read()
            return resp.status
        finally:
            conn.close()

    def run(self, coro: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)  # type: ignore[arg-type]


def _serve(tmp: Path, setup: Callable[[], Awaitable[tuple[dict[str, Any], str]]]) -> Iterator[Live]:
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop = asyncio.Event()
    port = free_port()
    holder: dict[str, Any] = {}
    tracebacks = Tracebacks()

    async def main() -> None:
        extra, url = await setup()
        runtime = await build(load_settings(COPROD_DB=str(tmp / "coprod.json"), **extra))
        holder["store"], holder["url"] = runtime.store, url
        async with serving(runtime, "127.0.0.1", port):
            ready.set()
            await stop.wait()
        await close(runtime)

    root = logging.getLogger()
    root.addHandler(tracebacks)
    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    assert ready.wait(30), "the server did not start"
    try:
        yield Live(port, holder["store"], loop, tracebacks, holder["url"])
    finally:
        root.removeHandler(tracebacks)
        loop.call_soon_threadsafe(stop.set)
        thread.join(20)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The local chat, with Teams served unauthenticated beside it (loopback only)."""
    connector = FakeConnector()

    async def setup() -> tuple[dict[str, Any], str]:
        return {}, await connector.start()

    yield from _serve(tmp_path_factory.mktemp("fuzz-local"), setup)


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    fake = FakeSlack()

    async def setup() -> tuple[dict[str, Any], str]:
        api = web.Application()
        api.router.add_route("*", "/api/{method}", fake.api)
        api.router.add_post("/hooks/{name}", fake.hook)
        runner = web.AppRunner(api, access_log=None)
        await runner.setup()
        api_port = free_port()
        await web.TCPSite(runner, "127.0.0.1", api_port).start()
        fake.base = f"http://127.0.0.1:{api_port}"
        extra = {
            "SLACK_BOT_TOKEN": "xoxb-test-token",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
        }
        return extra, fake.response_url()

    yield from _serve(tmp_path_factory.mktemp("fuzz-slack"), setup)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _no_5xx(live: Live, status: int, body: str) -> None:
    assert status < 500, (status, body[:300])
    assert live.tracebacks.seen == [], live.tracebacks.seen[:3]


# ---- /api/messages -----------------------------------------------------------------------------

TEAMS_FIXTURES = ["channel_mention", "personal_message", "execute_action", "submit_action"]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@FUZZ
@given(data=st.data())
def test_teams_messages_never_5xx(local: Live, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(TEAMS_FIXTURES))
    body = dumps(data.draw(mutated(load_activity(name, local.connector_url))))
    _no_5xx(local, local.post("/api/messages", body, JSON), body)


# ---- /local/messages and /local/actions ---------------------------------------------------------

LOCAL_BODIES = {
    "/local/messages": {"user": "alex", "channel": "general", "text": "/coprod help"},
    "/local/actions": {"user": "alex", "channel": "general", "action_id": "x", "value": {}},
}


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@FUZZ
@given(data=st.data())
def test_local_chat_never_5xx(local: Live, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(LOCAL_BODIES)))
    body = dumps(data.draw(mutated(LOCAL_BODIES[path])))
    _no_5xx(local, local.post(path, body, JSON), body)


# ---- /slack/events --------------------------------------------------------------------------

SLACK_FIXTURES = [
    ("slash_command", FORM),
    ("message_channel", JSON),
    ("app_mention", JSON),
    ("member_joined_channel", JSON),
    ("app_home_opened", JSON),
    ("block_actions", "payload"),
    ("view_submission", "payload"),
]


def _slack_body(doc: dict[str, Any], how: str) -> tuple[str, str]:
    if how == FORM:
        return urlencode(
            {str(k): v if isinstance(v, str) else dumps(v) for k, v in doc.items()}
        ), FORM
    if how == "payload":
        return urlencode({"payload": dumps(doc)}), FORM
    return dumps(doc), JSON


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
@FUZZ
@given(data=st.data())
def test_signed_slack_bodies_never_5xx(slack: Live, data: st.DataObject) -> None:
    name, how = data.draw(st.sampled_from(SLACK_FIXTURES))
    doc = slack_fixture(name)
    if "response_url" in doc:
        doc["response_url"] = slack.connector_url
    doc = data.draw(mutated(doc))
    if how == FORM:  # a form carries text only: no lone surrogate survives percent-encoding
        doc = {
            k: v.encode("utf-8", "replace").decode() if isinstance(v, str) else v
            for k, v in doc.items()
        }
        doc = {k.encode("utf-8", "replace").decode(): v for k, v in doc.items()}
    body, ctype = _slack_body(doc, how)
    _no_5xx(slack, slack.post("/slack/events", body, ctype, **sign(body)), body)


# ---- afterwards -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["local", "slack"])
def test_everything_stored_still_encodes_and_the_server_still_serves(
    request: pytest.FixtureRequest, which: str
) -> None:
    live: Live = request.getfixturevalue(which)

    async def everything() -> list[Any]:
        return [await live.store.find(t) for t in await live.store.tables()]

    json.dumps(live.run(everything()), ensure_ascii=False).encode("utf-8")
    if which == "local":
        body = dumps(LOCAL_BODIES["/local/messages"])
        assert live.post("/local/messages", body, JSON) == 200
    else:
        form = {**slack_fixture("slash_command"), "response_url": live.connector_url}
        body = urlencode(form)
        assert live.post("/slack/events", body, FORM, **sign(body)) == 200
    assert live.tracebacks.seen == [], "\n".join(live.tracebacks.details)
