"""The Bot Connector REST API over one shared aiohttp session: post, reply, update, open a chat.

botbuilder's ConnectorClient converts every activity through msrest models and sends it with
`requests` in a thread; that was most of a Teams turn's CPU. Here an activity is a plain dict
(the renderer already builds the Adaptive Card dicts), serialised once with orjson and sent on
a kept-alive connection. Paths and bodies are the ones ConnectorClient sends (ids percent-encoded
the same way). A non-2xx answer raises `ConnectorError`, which the retry policy understands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import orjson
from multidict import CIMultiDict
from yarl import URL

from .service_urls import ServiceUrls

TIMEOUT = 30.0
USER_AGENT = "coprod (Microsoft-BotFramework/3.1)"
# A bearer token for calls to this service URL, or None when authentication is off.
TokenSource = Callable[[str], Awaitable[str | None]]


@dataclass(frozen=True)
class Answer:
    """The parts of an error answer that retrying and logging need."""

    status_code: int
    headers: Mapping[str, str]
    text: str


class ConnectorError(Exception):
    """The connector answered with an error status."""

    def __init__(self, method: str, path: str, answer: Answer) -> None:
        super().__init__(f"{method} {path}: HTTP {answer.status_code} {answer.text[:200]}")
        self.response = answer


async def no_token(_service_url: str) -> str | None:
    return None


def _id(value: str) -> str:
    return quote(value, safe="")


class Connector:
    """One shared session for every Bot Connector call the bot makes."""

    def __init__(
        self,
        token: TokenSource = no_token,
        *,
        timeout: float = TIMEOUT,
        allowed: ServiceUrls | None = None,
    ) -> None:
        self.token = token
        self.allowed = allowed or ServiceUrls.anything()
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers={"User-Agent": USER_AGENT},
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ---- the REST API ------------------------------------------------------------------------

    async def send(
        self,
        service_url: str,
        conversation_id: str,
        activity: dict[str, Any],
        reply_to_id: str | None = None,
    ) -> dict[str, Any]:
        """`POST /v3/conversations/{id}/activities[/{replyToId}]` → the ResourceResponse."""
        path = f"v3/conversations/{_id(conversation_id)}/activities"
        if reply_to_id:
            path += f"/{_id(reply_to_id)}"
        return await self._call("POST", service_url, path, activity)

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> dict[str, Any]:
        """`PUT /v3/conversations/{id}/activities/{activityId}` → the ResourceResponse."""
        path = f"v3/conversations/{_id(conversation_id)}/activities/{_id(activity_id)}"
        return await self._call("PUT", service_url, path, activity)

    async def create_conversation(
        self, service_url: str, parameters: dict[str, Any]
    ) -> dict[str, Any]:
        """`POST /v3/conversations` → the ConversationResourceResponse (`id`, `serviceUrl`)."""
        return await self._call("POST", service_url, "v3/conversations", parameters)

    async def _call(
        self, method: str, service_url: str, path: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        if not self.allowed.allows(service_url):  # never call an address a sender chose
            raise ConnectorError(method, path, Answer(403, {}, "serviceUrl not allowed"))
        headers = {"Content-Type": "application/json; charset=utf-8"}
        token = await self.token(service_url)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = URL(f"{service_url.rstrip('/')}/{path}", encoded=True)
        async with self.session().request(
            method, url, data=orjson.dumps(body), headers=headers
        ) as resp:
            raw = await resp.read()
            if resp.status >= 300:
                text = raw.decode("utf-8", "replace")
                raise ConnectorError(
                    method, path, Answer(resp.status, CIMultiDict(resp.headers), text)
                )
        if not raw.strip():
            return {}
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return {}
        return data if isinstance(data, dict) else {}
