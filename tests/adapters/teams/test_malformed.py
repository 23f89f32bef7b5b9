"""Malformed activities get 400 (never a crash), and the server keeps serving: hypothesis."""

from __future__ import annotations

import asyncio
import copy
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import FakeClock
from bot.settings import load_settings
from runtime.server import build, close, serving
from tests.conftest import free_port

from .conftest import load_activity
from .fake_connector import FakeConnector

REQUIRED = [
    ("type",),
    ("serviceUrl",),
    ("channelId",),
    ("conversation",),
    ("conversation", "id"),
    ("recipient",),
    ("recipient", "id"),
]
OPTIONAL = [("entities",), ("membersAdded",), ("channelData",), ("text",), ("from",), ("id",)]
JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


class LiveBot:
    """The runtime and a fake connector on their own event loop, shared by every example."""

    def __init__(self, tmp: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.stopping: asyncio.Event | None = None
        self.tmp = tmp
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._run(),))
        self.thread.start()
        assert self.ready.wait(20)

    async def _run(self) -> None:
        self.stopping = asyncio.Event()
        self.connector = FakeConnector()
        await self.connector.start()
        cfg = load_settings(
            _env_file=None, MICROSOFT_APP_ID="", COPROD_DB=str(self.tmp / "coprod.json")
        )
        runtime = await build(cfg, clock=FakeClock())
        port = free_port()
        async with serving(runtime, "127.0.0.1", port):
            self.url = f"http://127.0.0.1:{port}/api/messages"
            self.ready.set()
            await self.stopping.wait()
        await close(runtime)
        await self.connector.stop()

    def stop(self) -> None:
        assert self.stopping is not None
        self.loop.call_soon_threadsafe(self.stopping.set)
        self.thread.join(20)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveBot, requests.Session]]:
    bot = LiveBot(tmp_path_factory.mktemp("malformed"))
    with requests.Session() as session:
        yield bot, session
    bot.stop()


def post(live: tuple[LiveBot, requests.Session], body: bytes) -> int:
    bot, session = live
    return session.post(
        bot.url, data=body, headers={"Content-Type": "application/json"}, timeout=10
    ).status_code


def good(live: tuple[LiveBot, requests.Session]) -> dict[str, Any]:
    return load_activity("channel_plain", live[0].connector.url)


def set_path(doc: dict[str, Any], path: tuple[str, ...], value: Any, *, remove: bool) -> None:
    for key in path[:-1]:
        doc = doc[key]
    if remove:
        doc.pop(path[-1], None)
    else:
        doc[path[-1]] = value


@st.composite
def malformed(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    kind = draw(st.sampled_from(["bytes", "not-object", "required"]))
    if kind == "bytes":
        raw = draw(st.binary(max_size=200))
        try:
            json.loads(raw)
        except ValueError:
            return raw
        return b"{" + raw
    if kind == "not-object":
        return json.dumps(
            draw(st.one_of(JUNK, st.text(max_size=20)).filter(lambda v: not isinstance(v, dict)))
        ).encode()
    doc = copy.deepcopy(base)
    path = draw(st.sampled_from(REQUIRED))
    remove = draw(st.booleans())
    value = draw(JUNK.filter(lambda v: not isinstance(v, str)))
    set_path(doc, path, value, remove=remove)
    return json.dumps(doc).encode()


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_malformed_activities_get_400(
    live: tuple[LiveBot, requests.Session], data: st.DataObject
) -> None:
    body = data.draw(malformed(good(live)))
    assert post(live, body) == 400


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_odd_optional_fields_never_crash_the_server(
    live: tuple[LiveBot, requests.Session], data: st.DataObject
) -> None:
    doc = good(live)
    path = data.draw(st.sampled_from(OPTIONAL))
    value = data.draw(st.one_of(JUNK, st.text(max_size=30), st.lists(JUNK, max_size=3)))
    set_path(doc, path, value, remove=data.draw(st.booleans()))
    assert post(live, json.dumps(doc).encode()) in (200, 201, 400)


def test_still_serving_after_the_storm(live: tuple[LiveBot, requests.Session]) -> None:
    body = load_activity("channel_mention", live[0].connector.url)
    assert post(live, json.dumps(body).encode()) == 201
    assert live[0].connector.delivered()
