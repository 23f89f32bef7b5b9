"""HTTP routes of the local chat: the page, its JSON API and its polling endpoint."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Annotated, Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bot.core import Core
from bot.model import (
    CardAction,
    ChannelMessage,
    ChatKind,
    Command,
    ConversationRef,
    Event,
    Platform,
    User,
)
from bot.parse import addresses_bot

from .adapter import LocalAdapter
from .render import reply_json

log = logging.getLogger(__name__)
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[\w .@-]+$"),
]
WORKSPACE = "local"


class Incoming(BaseModel):
    model_config = ConfigDict(extra="ignore")
    user: Name
    channel: Name = "general"
    direct: bool = False

    def ref(self) -> ConversationRef:
        if self.direct:
            return ConversationRef(
                Platform.LOCAL,
                WORKSPACE,
                f"dm-{self.user}",
                kind=ChatKind.DIRECT,
                channel_name="direct chat",
            )
        channel = self.channel.lstrip("#")
        return ConversationRef(Platform.LOCAL, WORKSPACE, channel, channel_name=channel)

    def person(self) -> User:
        return User(id=self.user, name=self.user)


class MessageIn(Incoming):
    text: Annotated[str, StringConstraints(max_length=4000)]
    thread: str | None = None


class ActionIn(Incoming):
    action_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    value: dict[str, str] = Field(default_factory=dict)


def _problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "body"
    return f"{where}: {first['msg']}"


async def _body(request: web.Request, model: type[Incoming]) -> Any:
    try:
        data = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(
            text='{"error": "The body must be JSON, like {\\"user\\": \\"alex\\", '
            '\\"channel\\": \\"general\\", \\"text\\": \\"/coprod help\\"}"}',
            content_type="application/json",
        ) from None
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(
            text='{"error": "The body must be a JSON object."}', content_type="application/json"
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise web.HTTPBadRequest(
            text=web.json_response({"error": _problem(exc)}).text,
            content_type="application/json",
        ) from None


def _event(msg: MessageIn) -> Event:
    ref = msg.ref()
    if msg.thread:
        ref = ref.in_thread(msg.thread)
    if ref.is_direct or addresses_bot(msg.text):
        return Command(ref, msg.person(), text=msg.text)
    return ChannelMessage(ref, msg.person(), text=msg.text)


def add_routes(app: web.Application, core: Core, adapter: LocalAdapter) -> None:
    """Serve the chat page at `/` and its API under `/local/`."""
    static = resources.files(__package__) / "static"

    async def page(_request: web.Request) -> web.Response:
        return web.Response(
            text=(static / "index.html").read_text(encoding="utf-8"), content_type="text/html"
        )

    async def asset(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        types = {"app.js": "application/javascript", "app.css": "text/css"}
        if name not in types:
            raise web.HTTPNotFound()
        return web.Response(
            text=(static / name).read_text(encoding="utf-8"), content_type=types[name]
        )

    async def messages(request: web.Request) -> web.Response:
        msg = await _body(request, MessageIn)
        replies = await core.handle(_event(msg))
        return web.json_response({"replies": [reply_json(r) for r in replies]})

    async def actions(request: web.Request) -> web.Response:
        act = await _body(request, ActionIn)
        event = CardAction(act.ref(), act.person(), action_id=act.action_id, value=act.value)
        replies = await core.handle(event)
        return web.json_response({"replies": [reply_json(r) for r in replies]})

    async def poll(request: web.Request) -> web.Response:
        try:
            query = Incoming.model_validate(dict(request.query))
            after = int(request.query.get("after", "0"))
        except (ValidationError, ValueError):
            raise web.HTTPBadRequest(
                text='{"error": "Use ?user=NAME&channel=NAME&after=NUMBER"}',
                content_type="application/json",
            ) from None
        ref = query.ref()
        return web.json_response({"replies": adapter.since(ref.channel, query.user, after)})

    app.router.add_get("/", page)
    app.router.add_get("/local/static/{name}", asset)
    app.router.add_post("/local/messages", messages)
    app.router.add_get("/local/messages", poll)
    app.router.add_post("/local/actions", actions)
