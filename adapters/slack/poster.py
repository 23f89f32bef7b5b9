"""The hot path out: JSON Web API calls and response URL posts on one aiohttp session, with the
Web API client's own retry handlers deciding every retry."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

import aiohttp
import orjson
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.slack_response import SlackResponse

log = logging.getLogger(__name__)
ATTEMPTS = 100  # slack_sdk's own bound on one call's attempts, whatever the handlers say


class Answer:
    """What came back: the HTTP status, the body, and the JSON in it (`{}` when it is not)."""

    __slots__ = ("body", "data", "headers", "status")

    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        try:
            data = orjson.loads(body) if body.lstrip()[:1] == b"{" else {}
        except orjson.JSONDecodeError:
            data = {}
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}


class Poster:
    """`call(method, payload)` and `respond(url, payload)` do what `AsyncWebClient.api_call` and
    `AsyncWebhookClient.send_dict` do for a JSON body: the same URL, token, headers and retry
    handlers (taken from `client`), the same `SlackApiError` when Slack says no. They skip the
    SDK's per-call work (user agent, proxy lookup, URL joining, argument walking), which was a
    fifth of the event loop's time for each command under load (`docs/benchmarks.md`).

    Every retry is the handlers' decision, asked exactly as slack_sdk asks them: after an error
    (a connection that never opened is retried; one that broke after sending is not, see
    `retry.SafeConnectionRetryHandler`) and after any answer that is not a 200 (a 429 waits for
    its `Retry-After`). Nothing is ever re-sent on a whim: a post may have landed."""

    def __init__(self, client: AsyncWebClient, session: aiohttp.ClientSession) -> None:
        self.session = session
        self.base_url = client.base_url if client.base_url.endswith("/") else client.base_url + "/"
        self.handlers: Sequence[AsyncRetryHandler] = tuple(client.retry_handlers or ())
        # The client's own headers (its User-Agent, any an operator added), built once.
        self._hook_headers: dict[str, str] = {
            **client.headers,
            "Content-Type": "application/json;charset=utf-8",
        }
        # The client's proxy (its own setting, else HTTPS_PROXY / HTTP_PROXY) and TLS context.
        self._options: dict[str, Any] = {"proxy": client.proxy or None}
        if client.ssl is not None:
            self._options["ssl"] = client.ssl
        self._api_headers: dict[str, str] = {
            **self._hook_headers,
            "Authorization": f"Bearer {client.token}",
        }

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """A Web API method with a JSON body (`chat.postMessage`); its answer's data. Raises
        `SlackApiError` when the answer is not `ok`, and the connection's error when it broke."""
        url = self.base_url + method
        body = {k: v for k, v in payload.items() if v is not None}  # as the SDK drops them
        answer = await self._send(url, body, self._api_headers)
        if log.isEnabledFor(logging.DEBUG):  # the method and the status, never a body
            log.debug("Slack %s: HTTP %s, ok=%s", method, answer.status, answer.data.get("ok"))
        if not answer.data.get("ok"):
            response = SlackResponse(
                client=None,
                http_verb="POST",
                api_url=url,
                req_args={},
                data=answer.data,
                headers=dict(answer.headers),
                status_code=answer.status,
            )
            error = answer.data.get("error") or f"HTTP {answer.status}"
            raise SlackApiError(f"The request to the Slack API failed: {error} ({url})", response)
        return answer.data

    async def respond(self, url: str, payload: dict[str, Any]) -> Answer:
        """A post to a response URL; its answer, whatever the status (the caller judges it)."""
        answer = await self._send(url, payload, self._hook_headers)
        log.debug("Slack response URL: HTTP %s", answer.status)  # never the URL: it is a key
        return answer

    async def _send(self, url: str, payload: dict[str, Any], headers: dict[str, str]) -> Answer:
        data = orjson.dumps(payload)
        request = HttpRequest(
            method="POST", url=url, headers=cast(Any, headers), body_params=payload
        )
        state = RetryState()
        error: Exception | None = None
        for _ in range(ATTEMPTS):
            state.next_attempt_requested = False
            try:
                async with self.session.post(
                    url, data=data, headers=headers, **self._options
                ) as res:
                    answer = Answer(res.status, res.headers, await res.read())
            except Exception as exc:
                error = exc
                if not await self._retry(state, request, error=exc):
                    raise
                continue
            if answer.status == 200:
                return answer
            response = HttpResponse(
                status_code=answer.status, headers=dict(answer.headers), body=answer.data
            )
            if not await self._retry(state, request, response=response):
                return answer
            error = None
        if error is not None:  # the handlers asked for more attempts than slack_sdk allows
            raise error
        return answer

    async def _retry(
        self,
        state: RetryState,
        request: HttpRequest,
        *,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        """Ask the handlers in order, as slack_sdk does; the first that may retry prepares the
        next attempt (waits its interval). True when one did."""
        for handler in self.handlers:
            if await handler.can_retry_async(
                state=state, request=request, response=response, error=error
            ):
                await handler.prepare_for_next_attempt_async(
                    state=state, request=request, response=response, error=error
                )
                return state.next_attempt_requested
        return False
