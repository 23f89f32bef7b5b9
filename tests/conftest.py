"""Shared fixtures: settings on a temp store, the in-process `bot` (fake adapter, fake clock), and
a running server on 127.0.0.1 with a chat helper (for the local adapter's own tests)."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from adapters.local.routes import ActionIn, MessageIn, answer_action, answer_message, validated
from bot.clock import FakeClock
from bot.settings import Settings, load_settings
from runtime.server import Runtime, build, close, serving
from tests.fakebot import FakeBot, open_fake_bot

SEED = Path(__file__).resolve().parents[1] / "prompts" / "source"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's .env or platform credentials."""
    monkeypatch.chdir(tmp_path)
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "MICROSOFT_APP_ID",
        "MICROSOFT_APP_PASSWORD",
        "MICROSOFT_APP_TENANT_ID",
        "MICROSOFT_APP_TYPE",
        "COPROD_DB",
        "COPROD_PROMPTS_DIR",
        "COPROD_ADMINS",
        "COPROD_TIMEZONE",
        "COPROD_LOCAL",
        "HOST",
        "PORT",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        COPROD_DB=str(tmp_path / "data" / "coprod.json"), COPROD_ADMINS="local:ada"
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@dataclass
class Chat:
    """Talks to the running server's local API like the web page does."""

    base: str
    session: aiohttp.ClientSession
    runtime: Runtime

    async def say(
        self, text: str, *, user: str = "alex", channel: str = "general", direct: bool = False
    ) -> list[dict[str, Any]]:
        async with self.session.post(
            f"{self.base}/local/messages",
            json={"user": user, "channel": channel, "text": text, "direct": direct},
        ) as resp:
            assert resp.status == 200, await resp.text()
            return list((await resp.json())["replies"])

    async def click(
        self,
        action_id: str,
        value: dict[str, str] | None = None,
        *,
        user: str = "alex",
        channel: str = "general",
        direct: bool = False,
    ) -> list[dict[str, Any]]:
        async with self.session.post(
            f"{self.base}/local/actions",
            json={
                "user": user,
                "channel": channel,
                "action_id": action_id,
                "value": value or {},
                "direct": direct,
            },
        ) as resp:
            assert resp.status == 200, await resp.text()
            return list((await resp.json())["replies"])


class InProcessChat(Chat):
    """The same conversation as `Chat`, handed to the local chat's request handling in-process
    (`adapters.local.routes.answer_message`/`answer_action`, the request's JSON validated as
    the route validates it), with no HTTP server: the answers are what the API would send."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__("", None, runtime)  # type: ignore[arg-type]

    async def say(
        self, text: str, *, user: str = "alex", channel: str = "general", direct: bool = False
    ) -> list[dict[str, Any]]:
        data = {"user": user, "channel": channel, "text": text, "direct": direct}
        answer = await answer_message(self.core, self.local, validated(MessageIn, data))
        return list(json.loads(json.dumps(answer))["replies"])

    async def click(
        self,
        action_id: str,
        value: dict[str, str] | None = None,
        *,
        user: str = "alex",
        channel: str = "general",
        direct: bool = False,
    ) -> list[dict[str, Any]]:
        data = {
            "user": user,
            "channel": channel,
            "action_id": action_id,
            "value": value or {},
            "direct": direct,
        }
        answer = await answer_action(self.core, self.local, validated(ActionIn, data))
        return list(json.loads(json.dumps(answer))["replies"])

    @property
    def core(self) -> Any:
        return self.runtime.core

    @property
    def local(self) -> Any:
        assert self.runtime.local is not None, "the local chat is not running"
        return self.runtime.local


def all_text(replies: list[dict[str, Any]]) -> str:
    """Every visible word of some replies, for assertions."""
    parts = []
    for r in replies:
        parts.append(r["text"])
        if r["card"]:
            parts.append(r["card"]["title"])
            for b in r["card"]["blocks"]:
                parts.extend(str(v) for v in b.values())
    return "\n".join(parts)


@pytest.fixture
async def server(settings: Settings, clock: FakeClock) -> AsyncIterator[tuple[str, Runtime]]:
    runtime = await build(settings, clock=clock)
    port = free_port()
    async with serving(runtime, "127.0.0.1", port):
        yield f"http://127.0.0.1:{port}", runtime
    await close(runtime)


@pytest.fixture
async def chat(server: tuple[str, Runtime]) -> AsyncIterator[Chat]:
    base, runtime = server
    async with aiohttp.ClientSession() as session:
        yield Chat(base, session, runtime)


@pytest.fixture
async def bot(settings: Settings, clock: FakeClock, tmp_path: Path) -> AsyncIterator[FakeBot]:
    """A core on a temp store, with the fake clock and `adapters.fake.FakeAdapter` (no server)."""
    made = await open_fake_bot(settings, tmp_path / "bot.json", clock)
    yield made
    await made.store.close()


@pytest.fixture
async def local_chat(settings: Settings, clock: FakeClock) -> AsyncIterator[Chat]:
    """`chat` without the HTTP server: the real runtime, the local chat driven in-process."""
    runtime = await build(settings, clock=clock)
    yield InProcessChat(runtime)
    await close(runtime)
