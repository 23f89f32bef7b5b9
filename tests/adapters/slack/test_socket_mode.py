"""Socket Mode at the wire: a fake Slack WebSocket on 127.0.0.1 sends envelopes, the real
SDK client acks each one over the socket, and replies reach the fake Web API."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType, web

from adapters.slack.render import card_blocks
from bot.clock import FakeClock
from bot.context import Context
from bot.model import ChannelMessage, Command, ConversationRef, Event, Platform, User
from bot.settings import SettingsError, load_settings
from runtime.server import Runtime, build, close
from tests.conftest import free_port

from .conftest import FakeSlack, fixture

APP_TOKEN = "xapp-1-A0001-0001-test"
ROOT = Path(__file__).resolve().parents[3]


@dataclass
class SocketSlack(FakeSlack):
    """The fake Web API plus Slack's Socket Mode side: `apps.connections.open` hands out a
    `ws://127.0.0.1` address; the WebSocket there says hello, sends envelopes on demand and
    records each ack (envelope id → seconds after the envelope went out)."""

    refuse_token: bool = False
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    sent: dict[str, float] = field(default_factory=dict)
    acks: dict[str, float] = field(default_factory=dict)
    ack_bodies: list[dict[str, Any]] = field(default_factory=list)
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)
    _acked: asyncio.Condition = field(default_factory=asyncio.Condition)

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "apps.connections.open":
            if self.refuse_token:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": f"{self.base.replace('http', 'ws', 1)}/link/?ticket=t1"}
        return super()._answer(method, body)

    async def link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        self.connected.set()
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            self.ack_bodies.append(data)
            envelope = str(data.get("envelope_id"))
            if envelope in self.sent:
                self.acks[envelope] = time.perf_counter() - self.sent[envelope]
            async with self._acked:
                self._acked.notify_all()
        self.disconnected.set()
        return ws

    async def send(self, kind: str, payload: dict[str, Any], **extra: Any) -> str:
        envelope = f"env-{len(self.sent) + 1}"
        self.sent[envelope] = time.perf_counter()
        message = {"envelope_id": envelope, "type": kind, "payload": payload, **extra}
        message.setdefault("accepts_response_payload", kind != "events_api")
        await self.sockets[-1].send_json(message)
        return envelope

    async def acked(self, *envelopes: str) -> None:
        """Wait until every envelope has been acked (fails after Slack's 3 s)."""
        async with self._acked:
            await asyncio.wait_for(
                self._acked.wait_for(lambda: all(e in self.acks for e in envelopes)), 3.0
            )


@pytest.fixture
async def socket_slack() -> AsyncIterator[SocketSlack]:
    fake = SocketSlack()
    app = web.Application()
    app.router.add_route("*", "/api/{method}", fake.api)
    app.router.add_post("/hooks/{name}", fake.hook)
    app.router.add_get("/link/", fake.link)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    fake.base = f"http://127.0.0.1:{port}"
    yield fake
    for ws in fake.sockets:
        await ws.close()
    await runner.cleanup()


def socket_settings(tmp_path: Path, fake: FakeSlack) -> Any:
    """Socket Mode settings: an app token and no signing secret (nothing is served over HTTP)."""
    return load_settings(
        COPROD_DB=str(tmp_path / "data" / "coprod.json"),
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=fake.api_url,
    )


@pytest.fixture
async def runtime(
    tmp_path: Path, socket_slack: SocketSlack, clock: FakeClock
) -> AsyncIterator[Runtime]:
    """The real runtime in Socket Mode. No HTTP server is started at all."""
    runtime = await build(socket_settings(tmp_path, socket_slack), clock=clock)
    await asyncio.wait_for(socket_slack.connected.wait(), 3)
    yield runtime
    await close(runtime)


async def settle(runtime: Runtime) -> None:
    await runtime.core.adapters[Platform.SLACK].idle()  # type: ignore[attr-defined]


@pytest.fixture
def heard(runtime: Runtime) -> Iterator[list[Event]]:
    """A real core listener that records channel messages and answers each in its thread."""
    seen: list[Event] = []

    async def listener(ctx: Context) -> list:
        seen.append(ctx.event)
        return [ctx.reply("Heard you", thread=True)]

    runtime.core.registry.listeners.setdefault(ChannelMessage, []).append(listener)
    yield seen


def command_payload(text: str) -> dict[str, Any]:
    return {**fixture("slash_command"), "text": text, "is_enterprise_install": "false"}


async def test_socket_mode_needs_no_http_route(runtime: Runtime, socket_slack: SocketSlack) -> None:
    assert Platform.SLACK in runtime.core.adapters
    assert not any(
        r.resource and r.resource.canonical == "/slack/events" for r in runtime.app.router.routes()
    )
    opened = [c for c in socket_slack.calls if c.method == "apps.connections.open"]
    assert len(opened) == 1
    assert len(socket_slack.sockets) == 1


async def test_slash_command_is_acked_over_the_socket_and_posts_block_kit(
    runtime: Runtime, socket_slack: SocketSlack
) -> None:
    envelope = await socket_slack.send("slash_commands", command_payload("principles"))
    await socket_slack.acked(envelope)
    assert socket_slack.acks[envelope] < 3.0
    assert socket_slack.ack_bodies[-1] == {"envelope_id": envelope}
    await settle(runtime)
    posts = socket_slack.of("chat.postMessage")
    assert len(posts) == 1
    post = posts[0]
    assert post["channel"] == "C2147483705"
    assert post["text"].startswith("The eight principles of co-production")
    ref = ConversationRef(Platform.SLACK, "T0001", "C2147483705", channel_name="project-team")
    replies = await runtime.core.handle(Command(ref, User("U2147483697"), text="principles"))
    assert replies[0].card is not None
    assert post["blocks"] == card_blocks(replies[0].card)


async def test_private_reply_goes_through_the_response_url(
    runtime: Runtime, socket_slack: SocketSlack
) -> None:
    payload = {**command_payload("help"), "response_url": socket_slack.response_url()}
    envelope = await socket_slack.send("slash_commands", payload)
    await socket_slack.acked(envelope)
    await settle(runtime)
    hooks = socket_slack.of("hooks")
    assert len(hooks) == 1 and hooks[0]["response_type"] == "ephemeral"
    assert hooks[0]["blocks"][0]["text"]["text"] == "coprod: what I can do"


async def test_message_event_is_acked_and_reaches_the_core(
    runtime: Runtime, socket_slack: SocketSlack, heard: list[Event]
) -> None:
    envelope = await socket_slack.send("events_api", fixture("message_channel"))
    await socket_slack.acked(envelope)
    assert socket_slack.acks[envelope] < 3.0
    await settle(runtime)
    assert len(heard) == 1 and isinstance(heard[0], ChannelMessage)
    assert heard[0].text.startswith("We need the KPI")
    post = socket_slack.of("chat.postMessage")[0]
    assert post["thread_ts"] == "1355517523.000005"


async def test_a_repeated_event_is_acked_again_but_handled_once(
    runtime: Runtime, socket_slack: SocketSlack, heard: list[Event]
) -> None:
    body = fixture("message_channel")
    first = await socket_slack.send("events_api", body)
    await socket_slack.acked(first)
    again = await socket_slack.send(
        "events_api", copy.deepcopy(body), retry_attempt=1, retry_reason="timeout"
    )
    await socket_slack.acked(again)
    await settle(runtime)
    assert len(heard) == 1
    assert len(socket_slack.of("chat.postMessage")) == 1


async def test_a_first_delivery_marked_as_a_retry_is_handled(
    runtime: Runtime, socket_slack: SocketSlack, heard: list[Event]
) -> None:
    envelope = await socket_slack.send(
        "events_api", fixture("message_channel"), retry_attempt=2, retry_reason="timeout"
    )
    await socket_slack.acked(envelope)
    await settle(runtime)
    assert len(heard) == 1


async def test_malformed_envelopes_are_acked_dropped_and_the_socket_keeps_serving(
    runtime: Runtime, socket_slack: SocketSlack, heard: list[Event]
) -> None:
    bad_event = fixture("message_channel")
    bad_event["event"]["channel"] = 42
    bad = [
        await socket_slack.send("events_api", bad_event),
        await socket_slack.send("slash_commands", {**command_payload("help"), "user_id": 7}),
        await socket_slack.send("interactive", {"type": "block_actions", "actions": []}),
        await socket_slack.send("no_such_type", {"x": 1}),
    ]
    await socket_slack.acked(*bad)
    await settle(runtime)
    assert heard == []
    assert socket_slack.of("chat.postMessage") == [] and socket_slack.of("hooks") == []
    envelope = await socket_slack.send("slash_commands", command_payload("principles"))
    await socket_slack.acked(envelope)
    await settle(runtime)
    assert len(socket_slack.of("chat.postMessage")) == 1


async def test_a_burst_of_commands_is_acked_within_3_s(
    runtime: Runtime, socket_slack: SocketSlack
) -> None:
    envelopes = [
        await socket_slack.send("slash_commands", command_payload("principles")) for _ in range(20)
    ]
    await socket_slack.acked(*envelopes)
    assert max(socket_slack.acks[e] for e in envelopes) < 3.0
    await settle(runtime)
    assert len(socket_slack.of("chat.postMessage")) == 20


async def test_stop_closes_the_socket(
    tmp_path: Path, socket_slack: SocketSlack, clock: FakeClock
) -> None:
    runtime = await build(socket_settings(tmp_path, socket_slack), clock=clock)
    await asyncio.wait_for(socket_slack.connected.wait(), 3)
    await close(runtime)
    await asyncio.wait_for(socket_slack.disconnected.wait(), 3)
    leftover = [
        t
        for t in asyncio.all_tasks()
        if t is not asyncio.current_task() and "socket_mode" in repr(t.get_coro())
    ]
    assert leftover == []


async def test_a_refused_app_token_stops_start_up_naming_it(
    tmp_path: Path, socket_slack: SocketSlack, clock: FakeClock
) -> None:
    socket_slack.refuse_token = True
    with pytest.raises(SettingsError) as err:
        await build(socket_settings(tmp_path, socket_slack), clock=clock)
    assert err.value.problems[0].startswith("SLACK_APP_TOKEN")
    assert "invalid_auth" in err.value.problems[0]
    assert socket_slack.sockets == []


async def test_app_py_serves_socket_mode_and_stops_cleanly_on_sigterm(
    tmp_path: Path, socket_slack: SocketSlack
) -> None:
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "PYTHONASYNCIODEBUG": "0",
        "COPROD_DB": str(tmp_path / "coprod.json"),
        "PORT": str(free_port()),
        "HOST": "127.0.0.1",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": socket_slack.api_url,
        "SLACK_SIGNING_SECRET": "",
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-X",
        "dev",
        "app.py",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        line = await asyncio.wait_for(child.stdout.readline(), 30)
        assert b"coprod is running" in line
        await asyncio.wait_for(socket_slack.connected.wait(), 5)
        envelope = await socket_slack.send("slash_commands", command_payload("principles"))
        await socket_slack.acked(envelope)
        child.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(child.communicate(), 30)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    assert child.returncode == 0, err.decode()
    await asyncio.wait_for(socket_slack.disconnected.wait(), 3)
    for trouble in (b"Traceback", b"Task was destroyed", b"Unclosed", b"never awaited"):
        assert trouble not in err, err.decode()
    assert len(socket_slack.of("chat.postMessage")) == 1


async def test_an_event_is_still_handled_when_the_repeat_check_fails(
    runtime: Runtime, socket_slack: SocketSlack, heard: list[Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The envelope is acked before the repeat check, so Slack will not resend it: a store that
    fails the check must not lose the event."""
    store_add = runtime.store.add

    async def failing_add(table: str, key: str, doc: dict[str, Any]) -> bool:
        if table == "slack_events":
            raise OSError("disk full")
        return await store_add(table, key, doc)

    monkeypatch.setattr(runtime.store, "add", failing_add)
    envelope = await socket_slack.send("events_api", fixture("message_channel"))
    await socket_slack.acked(envelope)
    await settle(runtime)
    assert len(heard) == 1
