"""The hot-path poster at the wire, side by side with slack_sdk: the same requests (path, headers,
JSON body), the same retries after a 429 and after a broken connection, the same errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.errors import reason
from adapters.slack.poster import ATTEMPTS, Poster
from adapters.slack.send import retry_handlers

HEADERS = ("Authorization", "Content-Type", "User-Agent")


@dataclass
class Recorder:
    """Records each request (path, the headers that matter, JSON body); `answer` says what to
    send back: (status, headers, body bytes), or None to drop the connection unanswered."""

    seen: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)
    answer: Callable[[int], tuple[int, dict[str, str], bytes] | None] = lambda n: (
        200,
        {"Content-Type": "application/json"},
        b'{"ok": true, "ts": "1.000001"}',
    )
    base: str = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        headers = {k: request.headers[k] for k in HEADERS if k in request.headers}
        self.seen.append((request.path, headers, await request.json() if raw else None))
        answer = self.answer(len(self.seen))
        if answer is None:
            assert request.transport is not None
            request.transport.close()  # the request arrived; no answer ever comes back
            await asyncio.sleep(1)
            return web.Response()
        status, extra, body = answer
        return web.Response(status=status, headers=extra, body=body)


@pytest.fixture
async def recorder() -> AsyncIterator[Recorder]:
    rec = Recorder()
    app = web.Application()
    app.router.add_route("POST", "/{tail:.*}", rec.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    rec.base = f"http://127.0.0.1:{port}"
    yield rec
    await runner.cleanup()


async def both(
    rec: Recorder, handlers: list[Any] | None = None
) -> AsyncIterator[tuple[AsyncWebClient, Poster, aiohttp.ClientSession]]:
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(
            token="xoxb-test",
            base_url=f"{rec.base}/api/",
            session=session,
            retry_handlers=handlers if handlers is not None else retry_handlers(),
        )
        yield client, Poster(client, session), session


async def outcome(call: Awaitable[Any]) -> str:
    try:
        await call
    except SlackApiError as exc:
        return f"SlackApiError {reason(exc)}"
    except Exception as exc:
        return type(exc).__name__
    return "ok"


PAYLOAD = {
    "channel": "C1",
    "thread_ts": None,
    "unfurl_links": False,
    "unfurl_media": False,
    "text": "Principle 5 ✓ — “plain words”",
    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Be open*"}}],
}


async def test_a_post_is_the_same_request_slack_sdk_sends(recorder: Recorder) -> None:
    async for client, poster, _ in both(recorder):
        sdk = await client.chat_postMessage(**PAYLOAD)
        ours = await poster.call("chat.postMessage", PAYLOAD)
    assert sdk.data == ours == {"ok": True, "ts": "1.000001"}
    (sdk_path, sdk_headers, sdk_body), (path, headers, body) = recorder.seen
    assert path == sdk_path == "/api/chat.postMessage"
    assert headers == sdk_headers
    assert headers["Authorization"] == "Bearer xoxb-test"
    assert body == sdk_body
    assert "thread_ts" not in body  # None is left out, as the SDK leaves it out


async def test_a_response_url_post_is_the_same_request_the_webhook_client_sends(
    recorder: Recorder,
) -> None:
    payload = {"text": "Hi", "response_type": "ephemeral"}
    async for _, poster, session in both(recorder):
        hook = AsyncWebhookClient(f"{recorder.base}/hooks/1", session=session)
        sdk = await hook.send_dict(payload)
        ours = await poster.respond(f"{recorder.base}/hooks/1", payload)
    assert sdk.status_code == ours.status == 200
    (sdk_path, sdk_headers, sdk_body), (path, headers, body) = recorder.seen
    assert path == sdk_path == "/hooks/1"
    assert "Authorization" not in headers  # a response URL is its own key
    assert headers == sdk_headers
    assert body == sdk_body == payload


async def test_429s_are_retried_as_often_as_the_sdk_retries_them(recorder: Recorder) -> None:
    recorder.answer = lambda n: (
        429,
        {"Retry-After": "0", "Content-Type": "application/json"},
        b'{"ok": false, "error": "ratelimited"}',
    )
    handlers = [AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
    async for client, poster, _ in both(recorder, handlers):
        sdk = await outcome(client.chat_postMessage(**PAYLOAD))
        sdk_attempts = len(recorder.seen)
        ours = await outcome(poster.call("chat.postMessage", PAYLOAD))
    assert sdk == ours == "SlackApiError ratelimited"
    assert sdk_attempts == 3  # the first and two retries
    assert len(recorder.seen) == 2 * sdk_attempts


async def test_a_429_then_success_posts_once_more_and_returns_the_post(recorder: Recorder) -> None:
    recorder.answer = lambda n: (
        (429, {"Retry-After": "0"}, b'{"ok": false, "error": "ratelimited"}')
        if n == 1
        else (200, {"Content-Type": "application/json"}, b'{"ok": true, "ts": "2.5"}')
    )
    async for _, poster, _ in both(recorder):
        answer = await poster.call("chat.postMessage", PAYLOAD)
    assert answer["ts"] == "2.5"
    assert len(recorder.seen) == 2
    assert recorder.seen[0][2] == recorder.seen[1][2]


async def test_a_post_cut_off_after_it_was_sent_is_never_sent_again(recorder: Recorder) -> None:
    """The request reached Slack and the connection broke: it may have been posted, so neither
    the SDK (with our handlers) nor the poster sends it again."""
    recorder.answer = lambda n: None
    async for client, poster, _ in both(recorder):
        sdk = await outcome(client.chat_postMessage(**PAYLOAD))
        sdk_attempts = len(recorder.seen)
        ours = await outcome(poster.call("chat.postMessage", PAYLOAD))
    assert sdk_attempts == 1
    assert len(recorder.seen) == 2  # one each
    assert ours == sdk != "ok"


async def test_a_read_cut_off_is_retried_as_the_sdk_retries_it(recorder: Recorder) -> None:
    """`chat.update` sets a state, so repeating it is safe: both retry it once."""
    recorder.answer = lambda n: (
        None if n % 2 else (200, {"Content-Type": "application/json"}, b'{"ok": true}')
    )
    payload = {"channel": "C1", "ts": "1.5", "text": "Updated"}
    async for client, poster, _ in both(recorder):
        sdk = await outcome(client.chat_update(**payload))
        ours = await outcome(poster.call("chat.update", payload))
    assert sdk == ours == "ok"
    assert len(recorder.seen) == 4


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, b'{"ok": false, "error": "not_in_channel"}', "SlackApiError not_in_channel"),
        (502, b"<html>Bad gateway</html>", "SlackApiError HTTP 502"),
    ],
)
async def test_slack_saying_no_is_the_same_error(
    recorder: Recorder, status: int, body: bytes, expected: str
) -> None:
    content = "application/json" if body.startswith(b"{") else "text/html"
    recorder.answer = lambda n: (status, {"Content-Type": content}, body)
    async for client, poster, _ in both(recorder):
        sdk = await outcome(client.chat_postMessage(**PAYLOAD))
        ours = await outcome(poster.call("chat.postMessage", PAYLOAD))
    assert sdk == ours == expected


async def test_an_answer_with_space_before_its_json_is_read_as_the_sdk_reads_it(
    recorder: Recorder,
) -> None:
    """A post that landed is never reported as failed (a nudge would be settled as unknown)."""
    recorder.answer = lambda n: (
        200,
        {"Content-Type": "application/json"},
        b'\n  {"ok": true, "ts": "3.000001"}',
    )
    async for client, poster, _ in both(recorder):
        sdk = await client.chat_postMessage(**PAYLOAD)
        ours = await poster.call("chat.postMessage", PAYLOAD)
    assert sdk["ts"] == ours["ts"] == "3.000001"


async def test_posts_go_through_the_proxy_the_sdk_uses(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind an egress proxy (HTTP_PROXY), a reply goes where slack_sdk's would: the proxy."""
    monkeypatch.setenv("HTTP_PROXY", recorder.base)  # the recorder plays the proxy
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(
            token="xoxb-test",
            base_url="http://slack.invalid/api/",
            session=session,
            retry_handlers=retry_handlers(),
        )
        sdk = await outcome(client.chat_postMessage(**PAYLOAD))
        ours = await outcome(Poster(client, session).call("chat.postMessage", PAYLOAD))
    assert sdk == ours == "ok"
    assert [path for path, _h, _b in recorder.seen] == ["/api/chat.postMessage"] * 2


class Always(AsyncRetryHandler):
    """A handler that asks for one more attempt after every error, without waiting."""

    async def _can_retry_async(self, **_: Any) -> bool:
        return True

    async def prepare_for_next_attempt_async(self, *, state: Any, **_: Any) -> None:
        state.next_attempt_requested = True
        state.increment_current_attempt()


async def test_a_call_whose_handlers_never_stop_ends_with_the_last_error(
    recorder: Recorder,
) -> None:
    """However many retries a handler asks for, the attempts are bounded (as in slack_sdk),
    and the caller gets the connection's own error, to log, never a crash of the poster."""
    recorder.answer = lambda n: None
    async for _, poster, _ in both(recorder, [Always(max_retry_count=10_000)]):
        ours = await outcome(poster.call("chat.update", {"channel": "C1", "ts": "1.5"}))
    assert ours not in ("ok", "UnboundLocalError")
    assert len(recorder.seen) == ATTEMPTS


def test_no_failure_reason_holds_a_response_urls_key() -> None:
    """aiohttp names the whole URL in a timeout's message; the log keeps only its host."""
    url = "https://hooks.slack.com/commands/T0001/123456/s3cretKEY"
    got = reason(aiohttp.ConnectionTimeoutError(f"Connection timeout to host {url}"))
    assert "s3cretKEY" not in got and "T0001" not in got
    assert "hooks.slack.com" in got


async def test_an_ephemeral_post_is_the_same_request_slack_sdk_sends(recorder: Recorder) -> None:
    payload = {
        "channel": "C1",
        "user": "U1",
        "thread_ts": None,
        "text": "Only you can see this",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Tip*"}}],
    }
    async for client, poster, _ in both(recorder):
        sdk = await client.chat_postEphemeral(**payload)  # type: ignore[arg-type]
        ours = await poster.call("chat.postEphemeral", payload)
    assert sdk.data == ours
    (sdk_path, sdk_headers, sdk_body), (path, headers, body) = recorder.seen
    assert path == sdk_path == "/api/chat.postEphemeral"
    assert headers == sdk_headers
    assert body == sdk_body
    assert body["user"] == "U1" and "thread_ts" not in body


async def test_a_response_url_429_is_retried_as_the_webhook_client_retries_it(
    recorder: Recorder,
) -> None:
    """A response URL answered 429 is tried again after its Retry-After, as many times as the
    webhook client with the same handlers tries it, and then its last answer is returned."""
    recorder.answer = lambda n: (429, {"Retry-After": "0"}, b"rate_limited")
    handlers = [AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
    payload = {"text": "Hi", "response_type": "ephemeral"}
    async for _, poster, session in both(recorder, handlers):
        hook = AsyncWebhookClient(
            f"{recorder.base}/hooks/1", session=session, retry_handlers=handlers
        )
        sdk = await hook.send_dict(payload)
        sdk_attempts = len(recorder.seen)
        ours = await poster.respond(f"{recorder.base}/hooks/1", payload)
    assert sdk.status_code == ours.status == 429
    assert sdk_attempts == 3  # the first and two retries
    assert len(recorder.seen) == 2 * sdk_attempts
    assert all(body == payload for _p, _h, body in recorder.seen)


async def test_a_response_url_cut_off_after_it_was_sent_is_never_sent_again(
    recorder: Recorder,
) -> None:
    recorder.answer = lambda n: None  # the request arrived; the connection then broke
    async for _, poster, _ in both(recorder):
        result = await outcome(poster.respond(f"{recorder.base}/hooks/1", {"text": "Hi"}))
    assert result != "ok"
    assert len(recorder.seen) == 1
