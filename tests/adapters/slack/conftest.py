"""Slack test rig: a fake Slack Web API on 127.0.0.1 that records every call, the real server
with Slack on, and a client that signs requests like Slack does."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
import pytest
from aiohttp import web

from adapters.slack import SlackAdapter
from bot.clock import FakeClock
from bot.model import Platform
from bot.settings import Settings, load_settings
from runtime.server import Runtime, build, close, serving
from tests.conftest import free_port
from tests.faults import Fault, Faults, Listener, answer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "slack"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_USER = "UBOT"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


@dataclass
class Call:
    path: str
    body: dict[str, Any]

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class FakeSlack:
    """Answers Web API methods like Slack and records each request (path and decoded body).
    `fail(method, ...)` makes the next calls of a method answer an error or a 429.
    `history` holds each channel's messages (what `chat.postMessage` posted, as Slack stores
    it: `ts`, `bot_id`, `user`, `text`, `blocks`, `metadata`), newest last, for
    `conversations.history`. `faults` gives faults on demand per method (or "hooks"): see
    `tests/faults.py`; `listener.refuse(seconds)` refuses connections for a while."""

    base: str = ""
    faults: Faults = field(default_factory=Faults)
    listener: Listener | None = None
    channels: set[str] = field(default_factory=set)  # exist even before any post
    # Posts Slack stored (what people see): (method, channel) or ("hooks", response URL name).
    delivered: list[tuple[str, str]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Slack's clock for message timestamps (seconds); set it to the test's FakeClock.
    now: Callable[[], float] = lambda: 1700000000.0
    _failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict
    )
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    # Uploaded files by id: name, title, alt text, the bytes that reached the upload URL, and
    # how many more files.info calls answer "still processing" before it is ready.
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    processing: int = 0

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.base}/hooks/{name}"

    def fail(
        self, method: str, *, status: int = 200, error: str = "", retry_after: int | None = None
    ) -> None:
        body = {"ok": False, "error": error or "ratelimited"}
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        self._failures.setdefault(method, []).append((status, body, headers))

    def person(
        self,
        user_id: str,
        *,
        team: str = "T0001",
        admin: bool = False,
        owner: bool = False,
        guest: str = "",
    ) -> None:
        """What `users.info` says about `user_id`: the workspace they belong to, whether they
        are an admin or owner there, and `guest` ("restricted" or "ultra_restricted")."""
        user: dict[str, Any] = {"id": user_id, "team_id": team, "is_admin": admin}
        user["is_owner"] = user["is_primary_owner"] = owner
        user["is_restricted"] = guest in ("restricted", "ultra_restricted")
        user["is_ultra_restricted"] = guest == "ultra_restricted"
        self.users[user_id] = user

    def texts(self) -> list[str]:
        """Every string value in every recorded request body (text, blocks, views…)."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        for call in self.calls:
            walk(call.body)
        return found

    def of(self, method: str) -> list[dict[str, Any]]:
        """Bodies of the calls to `method` (an API method, or "hooks" for response URLs)."""
        return [c.body for c in self.calls if c.method == method or c.path.startswith(f"/{method}")]

    @property
    def api_calls(self) -> list[str]:
        return [c.method for c in self.calls if c.path.startswith("/api/")]

    def _files(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        """files.getUploadURLExternal, files.completeUploadExternal and files.info."""
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.files) + 1:04d}"
            self.files[file_id] = {
                "id": file_id,
                "name": body.get("filename"),
                "alt_txt": body.get("alt_txt"),
                "length": int(body.get("length") or 0),
                "data": b"",
                "checks": self.processing,
            }
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            done = (
                json.loads(body["files"]) if isinstance(body.get("files"), str) else body["files"]
            )
            shared = []
            for item in done:
                file = self.files.get(item["id"])
                if file is None or len(file["data"]) != file["length"]:
                    return {"ok": False, "error": "file_not_found"}
                file["title"] = item.get("title")
                file["channel"] = body.get("channel_id")
                file["thread_ts"] = body.get("thread_ts")
                file["initial_comment"] = body.get("initial_comment")
                shared.append({"id": file["id"], "title": file["title"]})
            return {"ok": True, "files": shared}
        file = self.files.get(str(body.get("file")))
        if file is None:
            return {"ok": False, "error": "file_not_found"}
        if file["checks"] > 0:
            file["checks"] -= 1
            return {"ok": True, "file": {"id": file["id"], "name": file["name"]}}
        return {"ok": True, "file": {"id": file["id"], "original_w": 825, "mimetype": "image/png"}}

    async def upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal hands out: the file's bytes arrive here."""
        file_id = request.match_info["file_id"]
        self.calls.append(Call(request.path, {"file": file_id}))
        pending = self._failures.get("upload")
        if pending:
            status, _payload, _headers = pending.pop(0)
            return web.Response(status=status, text="failed")
        if file_id not in self.files:
            return web.Response(status=404, text="no such upload")
        self.files[file_id]["data"] = await request.read()
        return web.Response(text="OK - " + str(len(self.files[file_id]["data"])))

    async def _body(self, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.method == "GET":
            data: dict[str, Any] = dict(request.query)
        elif request.content_type == "application/json":
            data = json.loads(raw) if raw else {}
        else:
            data = dict(parse_qsl(raw, keep_blank_values=True))
        if request.method != "GET":  # some SDK methods send their arguments in the query
            data = {**dict(request.query), **data}
        for key in ("blocks", "view", "metadata"):  # the SDK sends these as JSON strings
            if isinstance(data.get(key), str):
                data[key] = json.loads(data[key])
        return data

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        self.calls.append(Call(request.path, body))
        pending = self._failures.get(method)
        if pending:
            status, payload, headers = pending.pop(0)
            return web.json_response(payload, status=status, headers=headers)

        async def handle() -> web.StreamResponse:
            if method in ("chat.postMessage", "chat.postEphemeral"):
                self.delivered.append((method, str(body.get("channel"))))
            return web.json_response(self._answer(method, body))

        return await answer(request, self.faults.take(method), handle, self._refusal)

    @staticmethod
    def _refusal(fault: Fault) -> web.StreamResponse:
        if fault.kind == "429":
            headers = {"Retry-After": str(fault.retry_after)}
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers=headers
            )
        return web.json_response({"ok": False, "error": "fatal_error"}, status=fault.status)

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """The messages in `channel` as Slack stores them (what people see), oldest first."""
        return list(self.history.get(channel, []))

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": "T0001"}
        if method == "chat.postMessage":
            ts = f"{int(self.now())}.{next(self._ts):06d}"
            message = {"type": "message", "ts": ts, "bot_id": "BBOT", "user": BOT_USER}
            message.update({k: body[k] for k in ("text", "blocks", "metadata") if k in body})
            self.history.setdefault(str(body.get("channel")), []).append(message)
            return {"ok": True, "channel": body.get("channel"), "ts": ts}
        if method == "conversations.history":
            return self._history(body)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", ""))[1:]}}
        if method.startswith("files."):
            return self._files(method, body)
        if method == "users.info":
            user = self.users.get(body.get("user", ""), {"id": body.get("user")})
            return {"ok": True, "user": user}
        return {"ok": True}

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        """`conversations.history`: newest first, after `oldest`, `limit` a page, paged by a
        cursor; metadata only when it is our app's (as Slack returns it by default)."""
        channel = str(body.get("channel"))
        if channel not in self.history and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        oldest = float(body.get("oldest") or 0)
        found = [m for m in reversed(self.history[channel]) if float(m["ts"]) > oldest]
        start = int(body.get("cursor") or 0)
        limit = int(body.get("limit") or 100)
        page = found[start : start + limit]
        more = start + limit < len(found)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": more}
        answer["response_metadata"] = {"next_cursor": str(start + limit) if more else ""}
        return answer

    async def hook(self, request: web.Request) -> web.StreamResponse:
        self.calls.append(Call(request.path, await self._body(request)))
        pending = self._failures.get("hooks")
        if pending:
            status, _payload, headers = pending.pop(0)
            return web.Response(status=status, text="failed", headers=headers)

        async def handle() -> web.StreamResponse:
            self.delivered.append(("hooks", request.match_info["name"]))
            return web.Response(text="ok")

        def refusal(fault: Fault) -> web.StreamResponse:
            headers = {"Retry-After": str(fault.retry_after)} if fault.kind == "429" else {}
            status = 429 if fault.kind == "429" else fault.status
            return web.Response(status=status, text="failed", headers=headers)

        return await answer(request, self.faults.take("hooks"), handle, refusal)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_post("/hooks/{name}", self.hook)
        app.router.add_post("/upload/{file_id}", self.upload)
        return app


async def serve_fake_slack(fake: FakeSlack) -> Listener:
    listener = Listener(fake.app)
    await listener.start()
    fake.base, fake.listener = listener.base, listener
    return listener


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    listener = await serve_fake_slack(fake)
    yield fake
    await listener.stop()


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def click_payload(
    action_id: str = "demo.go#0", value: dict[str, Any] | None = None, **changes: Any
) -> dict[str, Any]:
    """A `block_actions` payload for a click on a button with this id and value."""
    payload = fixture("block_actions")
    payload["actions"][0]["action_id"] = action_id
    payload["actions"][0]["value"] = json.dumps(value or {"n": "1"})
    payload.update(changes)
    return payload


def button_of(blocks: list[dict[str, Any]], action_prefix: str) -> dict[str, Any]:
    """The first button in `blocks` whose action id starts with `action_prefix`."""
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button" and element["action_id"].startswith(action_prefix):
                return element
    raise AssertionError(f"no {action_prefix!r} button in {blocks}")


def submission_payload(
    view: dict[str, Any], answers: dict[str, str], *, user: str = "U2147483697", team: str = "T0001"
) -> dict[str, Any]:
    """A `view_submission` for a modal we opened (`view` as sent to `views.open`), answering
    its radio buttons and text boxes with `answers` (block id → value)."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input" or block["block_id"] not in answers:
            continue
        element = block["element"]
        answer = answers[block["block_id"]]
        if element["type"] in ("radio_buttons", "static_select"):
            chosen = next(o for o in element["options"] if o["value"] == answer)
            state = {"type": element["type"], "selected_option": chosen}
        else:
            state = {"type": element["type"], "value": answer}
        values[block["block_id"]] = {element["action_id"]: state}
    payload = fixture("view_submission")
    payload["user"] = {**payload["user"], "id": user, "team_id": team}
    payload["team"] = {**payload["team"], "id": team}
    payload["view"] = {
        **payload["view"],
        "callback_id": view["callback_id"],
        "private_metadata": view["private_metadata"],
        "state": {"values": values},
    }
    return payload


@dataclass
class SlackClient:
    """Sends signed requests to the real `/slack/events` route, as Slack would."""

    url: str
    session: aiohttp.ClientSession
    runtime: Runtime
    fake: FakeSlack
    _sent: int = 0

    @property
    def adapter(self) -> SlackAdapter:
        adapter = self.runtime.core.adapters[Platform.SLACK]
        assert isinstance(adapter, SlackAdapter)
        return adapter

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signed: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        all_headers = {
            "Content-Type": content_type,
            **(sign(body) if signed is None else signed),
            **(headers or {}),
        }
        async with self.session.post(self.url, data=body.encode(), headers=all_headers) as resp:
            return resp.status, await resp.text()

    async def command(self, text: str, **fields: str) -> tuple[int, str]:
        self._commands = getattr(self, "_commands", 0) + 1
        # Every real command differs (its trigger id); a field Slack's parser ignores keeps two
        # alike in one second from being one signed body, which would be refused as a replay.
        form = {**fixture("slash_command"), "text": text, **fields, "seq": str(self._commands)}
        if "response_url" not in fields:
            form["response_url"] = self.fake.response_url()
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        if str(payload.get("response_url", "")).startswith("https://hooks.slack.com/"):
            payload = {**payload, "response_url": self.fake.response_url()}  # loopback only
        self._interactions = getattr(self, "_interactions", 0) + 1
        # Every real interaction differs (its action_ts, trigger id); as for commands, a form
        # field Bolt ignores keeps two alike clicks in one second from being one signed body.
        form = {"payload": json.dumps(payload), "seq": str(self._interactions)}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def click(
        self, action_id: str, value: dict[str, Any], *, user: str = "U2147483697", **changes: Any
    ) -> tuple[int, str]:
        """Click a button: a signed `block_actions` from `user` (a trigger id included)."""
        payload = click_payload(action_id, value, **changes)
        payload["user"] = {**payload["user"], "id": user}
        return await self.interaction(payload)

    async def message(
        self, text: str, *, user: str = "U2147483697", ts: str = "", **changes: Any
    ) -> tuple[int, str]:
        """A person posts `text` in the fixture's channel: a signed `message` event, each with
        its own event id and timestamp unless given."""
        self._sent += 1
        body = fixture("message_channel")
        body["event_id"] = f"EvMsg{self._sent:06d}"
        stamp = ts or f"1355517600.{self._sent:06d}"
        body["event"].update(text=text, user=user, ts=stamp, event_ts=stamp, **changes)
        return await self.event(body)

    async def event(self, body: dict[str, Any], **headers: str) -> tuple[int, str]:
        return await self.post(json.dumps(body), "application/json", headers=headers)

    async def settle(self) -> None:
        """Wait until the adapter finished everything it acknowledged."""
        await self.adapter.idle()


def slack_settings(tmp_path: Path, fake: FakeSlack, **extra: Any) -> Settings:
    return load_settings(
        COPROD_DB=str(tmp_path / "data" / "coprod.json"),
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        **extra,
    )


@pytest.fixture
async def slack(
    tmp_path: Path, fake_slack: FakeSlack, clock: FakeClock
) -> AsyncIterator[SlackClient]:
    runtime = await build(slack_settings(tmp_path, fake_slack), clock=clock)
    port = free_port()
    async with serving(runtime, "127.0.0.1", port), aiohttp.ClientSession() as session:
        client = SlackClient(f"http://127.0.0.1:{port}/slack/events", session, runtime, fake_slack)
        yield client
        await client.settle()
    await close(runtime)
