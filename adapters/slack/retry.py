"""Retry a Web API call after a connection error only when repeating it cannot post twice.

slack_sdk's `AsyncConnectionErrorRetryHandler` repeats any call whose connection broke, also
one Slack had already accepted: a `chat.postMessage` cut off after Slack stored it is posted
again. Here a connection that never opened (refused, no route, DNS: nothing was sent) is
retried for every method; a connection that broke later only for methods that change nothing
(reads) or set a state (`chat.update`). Every other outcome is left unknown to the caller,
which settles it: the nudge scheduler looks for the post in the channel's history."""

from __future__ import annotations

from aiohttp import ClientConnectorError, ClientOSError, ServerConnectionError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

# Methods that are safe to repeat whatever happened to the first call.
REPEATABLE = frozenset(
    {
        "auth.test",
        "bots.info",
        "chat.update",
        "conversations.history",
        "conversations.info",
        "conversations.members",
        "conversations.replies",
        "files.info",
        "team.info",
        "users.info",
        "users.list",
    }
)


def method_of(url: str) -> str:
    """`chat.postMessage` from `https://slack.com/api/chat.postMessage` (or a response URL)."""
    path = url.split("?", 1)[0].rstrip("/")
    return path.rsplit("/api/", 1)[-1] if "/api/" in path else ""


def never_sent(error: BaseException) -> bool:
    """True when the request cannot have reached Slack: the connection was never made."""
    return isinstance(error, ClientConnectorError)


class SafeConnectionRetryHandler(AsyncRetryHandler):
    """A connection error is retried only when the call cannot have taken effect twice."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if error is None:
            return False
        if never_sent(error):
            return True
        broken = isinstance(error, ServerConnectionError | ClientOSError)
        return broken and method_of(request.url) in REPEATABLE
