"""With an app id, only Bot Framework-signed requests reach the core; the rest get a quick 401."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import jwt
import pytest
from aiohttp import web
from botframework.connector.auth import AuthenticationConstants
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from adapters.teams.auth import install_key_fetchers
from bot.clock import FakeClock
from bot.settings import Settings, load_settings
from tests.conftest import free_port

from .conftest import Teams, running
from .fake_connector import FakeConnector

APP_ID = "00000000-0000-4000-8000-00000000c0de"
ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk(private_key: Any, kid: str) -> dict[str, Any]:
    data = json.loads(RSAAlgorithm.to_jwk(private_key.public_key()))
    return {**data, "kid": kid, "use": "sig", "endorsements": ["msteams"]}


def token(service_url: str, *, key: Any = KEY, kid: str = "key-1", **claims: Any) -> str:
    payload = {
        "iss": ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": int(time.time()) - 10,
        "exp": int(time.time()) + 600,
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture
async def key_server() -> AsyncIterator[str]:
    """OpenID metadata and signing keys on 127.0.0.1, like login.botframework.com."""
    app = web.Application()
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    async def metadata(_r: web.Request) -> web.Response:
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{base}/keys"})

    async def keys(_r: web.Request) -> web.Response:
        return web.json_response({"keys": [jwk(KEY, "key-1")]})

    app.router.add_get("/metadata", metadata)
    app.router.add_get("/keys", keys)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"{base}/metadata"
    await runner.cleanup()


@pytest.fixture
def secured(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": "not-a-real-secret",
            "MICROSOFT_SERVICE_URLS": "http://127.0.0.1",  # the fake connector
            "COPROD_LOCAL": False,
        }
    )


@pytest.fixture
async def teams_auth(
    secured: Settings, clock: FakeClock, connector: FakeConnector, key_server: str
) -> AsyncIterator[Teams]:
    async for teams in running(secured, clock, connector):
        install_key_fetchers(
            {AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: key_server}
        )
        yield teams


async def untouched(teams: Teams) -> None:
    assert teams.connector.calls == []
    assert await teams.runtime.store.count("conversations") == 0


def unsigned(service_url: str) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    claims = {"iss": ISSUER, "aud": APP_ID, "serviceurl": service_url, "exp": 2**31}
    return f"{part({'alg': 'none', 'typ': 'JWT', 'kid': 'key-1'})}.{part(claims)}."


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer garbage",
        "Bearer a.b.c",
        "Basic dXNlcjpwYXNz",
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln",
        "UNSIGNED",
        "WRONG_KEY",
        "UNKNOWN_KID",
        "WRONG_AUDIENCE",
        "WRONG_SERVICE_URL",
        "EXPIRED",
    ],
)
async def test_bad_tokens_get_401_and_never_reach_the_core(
    teams_auth: Teams, header: str | None
) -> None:
    url = teams_auth.connector.url
    made = {
        "UNSIGNED": lambda: "Bearer " + unsigned(url),
        "WRONG_KEY": lambda: "Bearer " + token(url, key=OTHER_KEY),
        "UNKNOWN_KID": lambda: "Bearer " + token(url, kid="nope"),
        "WRONG_AUDIENCE": lambda: "Bearer " + token(url, aud="someone-else"),
        "WRONG_SERVICE_URL": lambda: "Bearer " + token("https://evil.example/"),
        "EXPIRED": lambda: "Bearer " + token(url, exp=int(time.time()) - 3600),
    }
    if header in made:
        header = made[header]()
    headers = {} if header is None else {"Authorization": header}
    started = time.monotonic()
    status, _ = await teams_auth.post(teams_auth.activity("channel_mention"), headers=headers)
    assert status == 401
    assert time.monotonic() - started < 2
    await untouched(teams_auth)


async def test_a_valid_token_reaches_the_core(teams_auth: Teams) -> None:
    headers = {"Authorization": "Bearer " + token(teams_auth.connector.url)}
    status, _ = await teams_auth.post(teams_auth.activity("channel_plain"), headers=headers)
    assert status == 201
    assert await teams_auth.runtime.store.count("conversations") == 1


async def refused_within(teams: Teams, connector: FakeConnector, seconds: float) -> None:
    """A validly signed mention whose keys cannot be fetched gets a 401 within `seconds`."""
    headers = {"Authorization": "Bearer " + token(connector.url)}
    started = time.monotonic()
    status, _ = await teams.post(teams.activity("channel_mention"), headers=headers)
    assert status == 401
    assert time.monotonic() - started < seconds


async def test_unreachable_signing_keys_mean_401_quickly(
    secured: Settings, clock: FakeClock, connector: FakeConnector
) -> None:
    async for teams in running(secured, clock, connector):
        dead = f"http://127.0.0.1:{free_port()}/metadata"
        install_key_fetchers(
            {AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: dead}
        )
        for _ in range(3):
            await refused_within(teams, connector, 2)
        await untouched(teams)


async def test_the_real_key_endpoint_cannot_hang_a_request(
    secured: Settings, clock: FakeClock, connector: FakeConnector
) -> None:
    """No internet here: the default fetch fails (or times out) and the answer is 401."""
    async for teams in running(secured, clock, connector):
        for url in list(teams_fetchers()):
            teams_fetchers()[url].timeout = 1.0
        await refused_within(teams, connector, 3)
        await untouched(teams)


async def test_a_key_endpoint_that_never_answers_times_out_as_401(
    secured: Settings,
    clock: FakeClock,
    connector: FakeConnector,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The route's own bound on authentication: the key fetch hangs far longer than it."""
    import adapters.teams.route as route

    release = asyncio.Event()

    async def hang(_r: web.Request) -> web.Response:
        await release.wait()
        return web.Response()

    app = web.Application()
    app.router.add_get("/metadata", hang)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    monkeypatch.setattr(route, "AUTH_TIMEOUT", 0.5)
    try:
        async for teams in running(secured, clock, connector):
            install_key_fetchers(
                {
                    AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: (
                        f"http://127.0.0.1:{port}/metadata"
                    )
                },
                timeout=30.0,
            )
            await refused_within(teams, connector, 2)
            await untouched(teams)
    finally:
        release.set()
        await runner.cleanup()


def teams_fetchers() -> dict[str, Any]:
    from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor

    return JwtTokenExtractor.metadataCache


async def test_auth_off_logs_a_local_only_warning(
    settings: Settings, clock: FakeClock, connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        async for _teams in running(settings, clock, connector):
            pass
    assert any("local use only" in r.getMessage() for r in caplog.records)


def test_single_tenant_settings_are_accepted() -> None:
    cfg = load_settings(
        _env_file=None,
        MICROSOFT_APP_ID=APP_ID,
        MICROSOFT_APP_PASSWORD="x",
        MICROSOFT_APP_TYPE="SingleTenant",
        MICROSOFT_APP_TENANT_ID="tenant-one",
    )
    from adapters.teams.settings import TeamsSettings
    from adapters.teams.wiring import BotConfig

    assert BotConfig.from_settings(cfg.platform(TeamsSettings)).APP_TENANTID == "tenant-one"


async def test_single_tenant_bot_accepts_a_valid_token(
    secured: Settings, clock: FakeClock, connector: FakeConnector, key_server: str
) -> None:
    single = secured.model_copy(
        update={"MICROSOFT_APP_TYPE": "SingleTenant", "MICROSOFT_APP_TENANT_ID": "tenant-one"}
    )
    async for teams in running(single, clock, connector):
        install_key_fetchers(
            {AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: key_server}
        )
        headers = {"Authorization": "Bearer " + token(connector.url)}
        status, _ = await teams.post(teams.activity("channel_plain"), headers=headers)
        assert status == 201
        status, _ = await teams.post(teams.activity("channel_plain"))
        assert status == 401


async def test_a_service_url_off_the_allow_list_is_refused_before_anything_is_stored(
    teams_auth: Teams,
) -> None:
    """Even with a token that names it, an address not in MICROSOFT_SERVICE_URLS is never
    called: the sender chooses `serviceUrl`, so it is checked against Microsoft's own."""
    elsewhere = teams_auth.connector.url.replace("127.0.0.1", "127.0.0.2")
    activity = teams_auth.activity("channel_mention", serviceUrl=elsewhere)
    headers = {"Authorization": "Bearer " + token(elsewhere)}
    status, body = await teams_auth.post(activity, headers=headers)
    assert status == 403 and body == {"error": "serviceUrl not allowed"}
    await untouched(teams_auth)


async def test_no_post_goes_to_a_stored_address_off_the_allow_list(
    teams_auth: Teams, caplog: pytest.LogCaptureFixture
) -> None:
    """A reference stored before the allow-list (or tampered with) is never posted to, and no
    token is fetched for it."""
    from bot.model import ChatKind, ConversationRef, Platform, Reply

    ref = ConversationRef(
        Platform.TEAMS,
        "tenant-one",
        "19:general0@thread.tacv2",
        kind=ChatKind.CHANNEL,
        endpoint="http://169.254.169.254/latest/",
        bot_id="28:coprod-bot",
    )
    with caplog.at_level(logging.ERROR):
        assert await teams_auth.runtime.core.send(ref, Reply(text="hello")) is None
    assert "HTTP 403" in caplog.text
    assert teams_auth.connector.calls == []


def test_the_default_allow_list_is_microsofts_connectors_only() -> None:
    from adapters.teams.service_urls import ServiceUrls

    urls = ServiceUrls.from_setting("")
    for good in (
        "https://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net/teams/",
        "https://europe.webchat.botframework.com/",
        "https://smba.infra.gcc.teams.microsoft.com/",
    ):
        assert urls.allows(good), good
    for bad in (
        "http://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net.evil.example/",
        "https://evilbotframework.com/",
        "https://botframework.com@evil.example/",
        "http://127.0.0.1:8080/",
        "http://169.254.169.254/",
        "not a url",
        "https://[::1/",
    ):
        assert not urls.allows(bad), bad
    only = ServiceUrls.from_setting("https://connector.example.org/bots/")
    assert only.allows("https://connector.example.org/bots/x/")
    assert not only.allows("https://connector.example.org/other/")
