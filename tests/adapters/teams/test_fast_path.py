"""The fast paths do what botbuilder did: connector bodies, tokens, errors, parsing, rendering."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
)
from botframework.connector.auth import MicrosoftAppCredentials

from adapters.teams.connector import Connector, ConnectorError
from adapters.teams.render import message_json
from adapters.teams.retry import retry_after, status_of
from adapters.teams.route import _DESERIALIZE
from adapters.teams.send import Target, addressed, locale_tag, personal_chat_parameters
from adapters.teams.tokens import ConnectorTokens
from adapters.teams.wiring import BotConfig
from bot.model import (
    Button,
    Buttons,
    Card,
    ChatKind,
    ConversationRef,
    Fields,
    Platform,
    Reply,
    Text,
    User,
)
from tests.conftest import free_port

from .conftest import FIXTURES, load_activity

THREAD = "19:general0@thread.tacv2;messageid=1741083330123"
CARD = Card(
    title="A title",
    fallback_text="Fallback",
    blocks=(
        Text("**bold** and _it_"),
        Fields((("Name", "Value"),)),
        Buttons((Button("Go", "demo.go", {"n": "1"}),)),
    ),
)


def botbuilder_body(
    body: dict[str, Any], target: Target, bot_id: str | None, to: User | None = None
) -> dict[str, Any]:
    """What botbuilder's ConnectorClient sent for the same message (msrest serialisation),
    addressed by `apply_conversation_reference`: the reference's user as recipient, its locale."""
    activity = Activity().deserialize(body)
    activity.conversation = ConversationAccount(id=target.conversation_id)
    activity.from_property = ChannelAccount(id=bot_id) if bot_id else None
    activity.recipient = ChannelAccount(id=to.id, name=to.name or None) if to else None
    activity.locale = locale_tag(to)
    activity.reply_to_id = target.reply_to_id
    return activity.serialize()


@pytest.mark.parametrize(
    "reply",
    [Reply(text="Hello _there_ `code`"), Reply(card=CARD)],
    ids=["text", "card"],
)
@pytest.mark.parametrize(
    "target", [Target(THREAD, "1741083330123"), Target("a:1personal")], ids=["reply", "post"]
)
@pytest.mark.parametrize("bot_id", ["28:coprod-bot", None])
@pytest.mark.parametrize(
    "to", [None, User("29:alex", "Alex Smith", locale="cy-GB")], ids=["nobody", "alex"]
)
def test_message_bodies_match_botbuilder(
    reply: Reply, target: Target, bot_id: str | None, to: User | None
) -> None:
    body = message_json(reply)
    assert addressed(body, target, bot_id, to) == botbuilder_body(body, target, bot_id, to)


@pytest.mark.parametrize("workspace", ["tenant-one", "default"])
def test_personal_chat_parameters_match_botbuilder(workspace: str) -> None:
    ref = ConversationRef(
        Platform.TEAMS, workspace, "19:c", kind=ChatKind.CHANNEL, endpoint="x", bot_id="28:b"
    )
    tenant = workspace if workspace != "default" else None
    expected = ConversationParameters(
        is_group=False,
        bot=ChannelAccount(id="28:b"),
        members=[ChannelAccount(id="29:alex")],
        tenant_id=tenant,
        channel_data={"tenant": {"id": tenant}} if tenant else None,
    ).serialize()
    # botbuilder's msrest model spells it `tenantID`; the Bot Connector's ConversationParameters
    # schema spells it `tenantId`, which coprod sends (issue 16 §5). Otherwise the same.
    if "tenantID" in expected:
        expected["tenantId"] = expected.pop("tenantID")
    assert personal_chat_parameters(ref, User("29:alex")) == expected


@pytest.fixture
async def recorder() -> AsyncIterator[tuple[str, list[web.Request], list[web.Response]]]:
    """A loopback server that records requests and gives queued answers."""
    seen: list[web.Request] = []
    answers: list[web.Response] = []

    async def handle(request: web.Request) -> web.Response:
        await request.read()
        seen.append(request)
        return answers.pop(0) if answers else web.json_response({"id": "m1"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/", seen, answers
    await runner.cleanup()


async def test_no_authorization_header_when_auth_is_off(recorder: Any) -> None:
    url, seen, _ = recorder
    connector = Connector(ConnectorTokens(object(), ""))  # type: ignore[arg-type]
    assert await connector.send(url, THREAD, {"type": "message"}, "1741083330123") == {"id": "m1"}
    await connector.close()
    (request,) = seen
    assert "Authorization" not in request.headers
    assert request.match_info["tail"] == f"v3/conversations/{THREAD}/activities/1741083330123"
    assert request.raw_path.startswith("/v3/conversations/19%3Ageneral0%40thread.tacv2%3B")


@pytest.mark.parametrize("app_type", ["MultiTenant", "SingleTenant"])
async def test_bearer_token_comes_from_botframework_credentials(
    recorder: Any, monkeypatch: pytest.MonkeyPatch, app_type: str
) -> None:
    url, seen, _ = recorder
    used: list[MicrosoftAppCredentials] = []

    def get_access_token(self: MicrosoftAppCredentials, force_refresh: bool = False) -> str:
        used.append(self)
        return "token-123"

    monkeypatch.setattr(MicrosoftAppCredentials, "get_access_token", get_access_token)
    config = BotConfig("app-1", "secret", app_type, "tenant-one")
    tokens = ConnectorTokens(ConfigurationBotFrameworkAuthentication(config), "app-1")
    connector = Connector(tokens)
    await connector.update(url, "a:1", "m1", {"type": "message"})
    await connector.create_conversation(url, {"isGroup": False})
    await connector.close()
    assert [r.headers["Authorization"] for r in seen] == ["Bearer token-123"] * 2
    assert [r.method for r in seen] == ["PUT", "POST"]
    assert len(used) == 1  # reused, not fetched per call
    (credentials,) = used
    assert credentials.microsoft_app_id == "app-1"
    assert credentials.oauth_scope == "https://api.botframework.com"
    tenant = "tenant-one" if app_type == "SingleTenant" else "botframework.com"
    assert credentials.oauth_endpoint.endswith(f"/{tenant}")


async def test_an_error_answer_carries_status_and_retry_after(recorder: Any) -> None:
    url, _, answers = recorder
    answers.append(web.json_response({"error": {}}, status=429, headers={"retry-after": "7"}))
    connector = Connector()
    with pytest.raises(ConnectorError) as caught:
        await connector.send(url, "a:1", {"type": "message"})
    await connector.close()
    assert status_of(caught.value) == 429
    assert retry_after(caught.value) == 7.0


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_inbound_parsing_matches_activity_deserialize(name: str) -> None:
    body = load_activity(name, "https://smba.example/amer/")
    assert _DESERIALIZE("Activity", body).as_dict() == Activity().deserialize(body).as_dict()


async def test_a_repeated_personal_message_does_not_rewrite_the_store(
    teams: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await teams.send("personal_message")
    writes: list[str] = []
    store = teams.runtime.store
    real_put = store.put

    async def put(table: str, key: str, doc: dict[str, Any]) -> None:
        writes.append(table)
        await real_put(table, key, doc)

    monkeypatch.setattr(store, "put", put)
    status, _ = await teams.send("personal_message")
    assert status == 201
    assert writes == []
    assert len(teams.connector.delivered()) == 2
