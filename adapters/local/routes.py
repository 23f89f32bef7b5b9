"""HTTP routes of the local chat: the page, its JSON API and its live stream."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from aiohttp import web
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from bot import inbound
from bot.core import Core
from bot.inbound import Hostile
from bot.model import (
    CardAction,
    ChannelMessage,
    ChatKind,
    Command,
    ConversationRef,
    Event,
    User,
)
from bot.parse import addresses_bot

from ..links import links_of
from .adapter import LocalAdapter
from .addressing import as_typed, mentions
from .exchange import converse
from .page import add_page_routes
from .platform import NAME as PLATFORM_NAME
from .refusals import (
    EXAMPLE_BODY,
    EXAMPLE_QUERY,
    TEXT_LIMIT,
    channel_name,
    person_name,
    refusal,
)
from .stream import refused, stream

log = logging.getLogger(__name__)
Raw = StringConstraints(max_length=1000)  # bounds the work before the rules below
Name = Annotated[str, Raw, AfterValidator(person_name)]
ChannelName = Annotated[str, Raw, AfterValidator(channel_name)]
WORKSPACE = "local"
_DIRECT = ConversationRef(PLATFORM_NAME, WORKSPACE, "direct", kind=ChatKind.DIRECT)


class Incoming(BaseModel):
    model_config = ConfigDict(extra="ignore")
    user: Name
    channel: ChannelName = "general"
    direct: bool = False
    # The page's language (its `lang`), as Teams sends `locale`: the person's replies use it
    # until they choose one with `language`.
    locale: Annotated[str, StringConstraints(max_length=20)] = ""

    async def ref(self, core: Core) -> ConversationRef:
        """Where this is: the channel, or the person's direct chat with the bot, whose id is a
        one-way code of their name (`dm-…`), so no store key or reference holds the name."""
        if self.direct:
            code = await core.identity.code(_DIRECT, self.user, "local-direct-chat")
            return ConversationRef(
                PLATFORM_NAME,
                WORKSPACE,
                f"dm-{code[:20]}",
                kind=ChatKind.DIRECT,
                channel_name=core.pack.say("local.direct_chat_name"),
            )
        return ConversationRef(PLATFORM_NAME, WORKSPACE, self.channel, channel_name=self.channel)

    def person(self) -> User:
        return User(id=self.user, name=self.user, locale=self.locale)


class MessageIn(Incoming):
    text: Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]
    thread: str | None = None


class ActionIn(Incoming):
    action_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    value: dict[str, str] = Field(default_factory=dict)


def _refused(sentence: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(
        text=web.json_response({"error": sentence}).text, content_type="application/json"
    )


async def _body(request: web.Request, model: type[Incoming], core: Core) -> Any:
    """The request's body as `model`, or a 400 whose `error` says what to send instead."""
    try:
        data = inbound.loads(await request.read(), cleaned=False)
    except Hostile as exc:
        log.info("Local chat: refused a body that is %s", exc)
        raise _refused(core.pack.say("local.refused.body", example=EXAMPLE_BODY)) from None
    if not isinstance(data, dict):
        raise _refused(core.pack.say("local.refused.body", example=EXAMPLE_BODY))
    try:
        return validated(model, data)
    except ValidationError as exc:
        raise _refused(refusal(exc, core.pack)) from None


def validated(model: type[Incoming], data: dict[str, Any]) -> Any:
    """`data` as `model`: names with invisible characters are refused (`ValidationError`),
    not cleaned; the rest is cleaned of them."""
    model.model_validate(data)
    return model.model_validate(inbound.clean_all(data))


class Refused(Exception):
    """A request the local chat cannot take, with the sentence that says why."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def _place(request: web.Request, core: Core) -> tuple[Incoming, int]:
    """Who and where a stream or poll is for (`?user=&channel=&direct=&after=`)."""
    try:
        Incoming.model_validate(dict(request.query))
        query = Incoming.model_validate(inbound.clean_all(dict(request.query)))
    except ValidationError as exc:
        raise Refused(refusal(exc, core.pack)) from None
    after = request.query.get("after", "0")
    if not after.isdigit():
        raise Refused(core.pack.say("local.refused.query", example=EXAMPLE_QUERY))
    return query, int(after)


async def _event(msg: MessageIn, core: Core) -> Event:
    ref = await msg.ref(core)
    if msg.thread:
        ref = ref.in_thread(msg.thread)
    typed = as_typed(msg.text)
    if ref.is_direct or addresses_bot(typed):
        return Command(ref, msg.person(), text=typed, mentions=mentions(typed))
    return ChannelMessage(ref, msg.person(), text=msg.text, mentions=mentions(msg.text))


async def chosen_language(core: Core, who: Incoming) -> str | None:
    """The locale this person chose with `language …` (None: no choice), so their page can
    read in it too (`static/app.js`)."""
    return await core.languages.choices.get(await who.ref(core), who.person())


async def answer_message(core: Core, adapter: LocalAdapter, msg: MessageIn) -> dict[str, Any]:
    """What `POST /local/messages` answers for `msg` (the page's message)."""
    answer = await converse(core, adapter, await _event(msg, core))
    return {**answer, "language": await chosen_language(core, msg)}


async def answer_action(core: Core, adapter: LocalAdapter, act: ActionIn) -> dict[str, Any]:
    """What `POST /local/actions` answers for `act` (a click on a card's button)."""
    ref = await act.ref(core)
    event = CardAction(ref, act.person(), action_id=act.action_id, value=act.value)
    answer = await converse(core, adapter, event)
    return {**answer, "language": await chosen_language(core, act)}


def add_routes(app: web.Application, core: Core, adapter: LocalAdapter) -> None:
    """Serve the chat page at `/` and its API under `/local/`."""
    add_page_routes(app, core.pack)
    adapter.links = links_of(app, core.pack, core.clock)
    adapter.link_note = core.pack.say("files.link_note")
    history = adapter.history

    async def messages(request: web.Request) -> web.Response:
        msg = await _body(request, MessageIn, core)
        return web.json_response(await answer_message(core, adapter, msg))

    async def actions(request: web.Request) -> web.Response:
        act = await _body(request, ActionIn, core)
        return web.json_response(await answer_action(core, adapter, act))

    async def poll(request: web.Request) -> web.Response:
        try:
            query, after = _place(request, core)
        except Refused as exc:
            raise _refused(exc.sentence) from None
        ref = await query.ref(core)
        return web.json_response({"replies": adapter.since(ref.channel, query.user, after)})

    async def live(request: web.Request) -> web.StreamResponse:
        try:
            query, after = _place(request, core)
        except Refused as exc:
            return await refused(request, exc.sentence)
        channel = (await query.ref(core)).channel
        language = await chosen_language(core, query) if query.user else None
        return await stream(request, history, channel, query.user, after, language=language)

    async def stopping(_app: web.Application) -> None:
        history.close_all()  # open streams end, so the server stops without waiting on them

    app.router.add_post("/local/messages", messages)
    app.router.add_get("/local/messages", poll)
    app.router.add_post("/local/actions", actions)
    app.router.add_get("/local/stream", live)
    app.on_shutdown.append(stopping)
