"""Parse and check incoming Slack bodies before Bolt sees them: anything malformed is a 400."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError

from bot import inbound
from bot.inbound import Hostile

Id = Annotated[StrictStr, Field(min_length=1, max_length=255)]
MAX_TEXT = 40_000


class Malformed(ValueError):
    """The body is not a Slack payload we can handle; the message says what is wrong."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class _Envelope(_Loose):
    """Fields Bolt reads from any body (and from its `event`, `message`…) to build its context:
    when present they must have these types, or Bolt itself would fail."""

    authorizations: list[dict[str, Any]] | None = None
    enterprise: dict[str, Any] | StrictStr | None = None
    team: dict[str, Any] | StrictStr | None = None
    user: dict[str, Any] | StrictStr | None = None
    channel: dict[str, Any] | StrictStr | None = None
    event: dict[str, Any] | None = None
    item: dict[str, Any] | None = None
    assistant_thread: dict[str, Any] | None = None
    message: dict[str, Any] | None = None
    previous_message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None
    response_urls: list[dict[str, Any]] | None = None
    is_ext_shared_channel: StrictBool | None = None


_NESTED = ("event", "message", "previous_message", "item", "assistant_thread")
# Bolt reads these as `body.get(key, {}).get(...)`, so a present null fails inside Bolt.
_NEVER_NULL = ("event", "view")


def _check_envelope(body: dict[str, Any], where: str, depth: int = 0) -> None:
    _check(_Envelope, body, where)
    for key in _NEVER_NULL:
        if key in body and body[key] is None:
            raise Malformed(f"{where}.{key}".lstrip(".") + ": must be an object, not null")
    if depth < 3:
        for key in _NESTED:
            if isinstance(body.get(key), dict):
                _check_envelope(body[key], f"{where}.{key}".lstrip("."), depth + 1)


class SlashCommand(_Loose):
    command: Annotated[StrictStr, Field(pattern=r"^/\S+$", max_length=64)]
    text: Annotated[StrictStr, Field(max_length=MAX_TEXT)] = ""
    user_id: Id
    channel_id: Id
    team_id: Id
    user_name: StrictStr = ""
    channel_name: StrictStr = ""
    trigger_id: StrictStr | None = None
    response_url: StrictStr | None = None


class Named(_Loose):
    """A user, team or channel: its id, and the names and team the handlers read."""

    id: Id
    name: StrictStr | None = None
    username: StrictStr | None = None
    team_id: StrictStr | None = None


class Container(_Loose):
    """Where a clicked button was: the handlers read its message and whether it was private."""

    message_ts: StrictStr | None = None
    is_ephemeral: StrictBool | None = None


class Action(_Loose):
    action_id: Id
    type: StrictStr = ""
    value: StrictStr | None = None


class Message(_Loose):
    ts: Id
    thread_ts: StrictStr | None = None


class View(_Loose):
    private_metadata: StrictStr = ""
    state: dict[str, dict[str, dict[str, Any]]] = Field(default_factory=dict)


class ViewState(_Loose):
    values: dict[str, dict[str, dict[str, Any]]] = Field(default_factory=dict)


class SubmittedView(_Loose):
    type: Id  # Bolt reads it to route the submission
    callback_id: StrictStr = ""
    private_metadata: StrictStr
    state: ViewState = Field(default_factory=ViewState)


class BlockActions(_Loose):
    type: Literal["block_actions"]
    user: Named
    team: Named
    actions: Annotated[list[Action], Field(min_length=1)]
    channel: Named | None = None
    container: Container | None = None
    message: Message | None = None
    view: View | None = None
    trigger_id: StrictStr | None = None
    response_url: StrictStr | None = None


class ViewSubmission(_Loose):
    type: Literal["view_submission"]
    user: Named
    team: Named
    view: SubmittedView


class OtherInteraction(_Loose):
    type: StrictStr
    user: Named


class MessageEvent(_Loose):
    type: Literal["message"]
    channel: Id
    ts: StrictStr = ""
    user: StrictStr | None = None
    text: Annotated[StrictStr, Field(max_length=MAX_TEXT)] | None = None
    subtype: StrictStr | None = None
    thread_ts: StrictStr | None = None
    channel_type: StrictStr | None = None
    bot_id: StrictStr | None = None
    message: dict[str, Any] | None = None


class Room(_Loose):
    id: StrictStr = ""
    name: StrictStr | None = None
    has_ended: StrictBool = False


class ChangedMessage(_Loose):
    subtype: StrictStr | None = None
    room: Room | None = None


class UserInChannel(_Loose):
    type: StrictStr
    user: Id
    channel: Id
    text: Annotated[StrictStr, Field(max_length=MAX_TEXT)] = ""
    ts: StrictStr = ""
    thread_ts: StrictStr | None = None
    channel_type: StrictStr | None = None


class HomeOpened(_Loose):
    type: Literal["app_home_opened"]
    user: Id
    tab: StrictStr = "home"


class AnyEvent(_Loose):
    type: Id
    channel: StrictStr | dict[str, Any] | None = None


class EventCallback(_Loose):
    type: Literal["event_callback"]
    team_id: Id
    event_id: Id
    event: dict[str, Any]


class UrlVerification(_Loose):
    type: Literal["url_verification"]
    challenge: StrictStr


_EVENTS: dict[str, type[_Loose]] = {
    "message": MessageEvent,
    "app_mention": UserInChannel,
    "member_joined_channel": UserInChannel,
    "app_home_opened": HomeOpened,
}
_INTERACTIONS: dict[str, type[_Loose]] = {
    "block_actions": BlockActions,
    "view_submission": ViewSubmission,
}


def _check(model: type[_Loose], data: Any, where: str) -> None:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in (where, *first["loc"]) if p != "")
        raise Malformed(f"{path}: {first['msg']}") from None


def _json_object(text: str, where: str) -> dict[str, Any]:
    try:
        data = inbound.loads(text)
    except Hostile as exc:
        raise Malformed(f"{where}: {exc}") from None
    if not isinstance(data, dict):
        raise Malformed(f"{where}: must be a JSON object")
    return data


def _check_event(body: dict[str, Any]) -> None:
    _check(EventCallback, body, "")
    event = body["event"]
    kind = event.get("type")
    _check(_EVENTS.get(kind, AnyEvent) if isinstance(kind, str) else AnyEvent, event, "event")
    if kind == "message" and event.get("subtype") == "message_changed":
        _check(ChangedMessage, event.get("message") or {}, "event.message")


def _event_body(body: dict[str, Any]) -> dict[str, Any]:
    _check_envelope(body, "")
    kind = body.get("type")
    if kind == "url_verification":
        _check(UrlVerification, body, "")
    elif kind == "event_callback":
        _check_event(body)
    else:
        raise Malformed("type: must be event_callback or url_verification")
    return body


def _interaction(body: dict[str, Any]) -> dict[str, Any]:
    _check_envelope(body, "payload")
    kind = body.get("type")
    model = _INTERACTIONS.get(kind, OtherInteraction) if isinstance(kind, str) else OtherInteraction
    _check(model, body, "payload")
    if body["type"] == "view_submission":
        _check(ViewState, body["view"].get("state") or {}, "payload.view.state")
    return body


def _slash_command(body: dict[str, Any]) -> dict[str, Any]:
    # A form's fields are all strings, so one named like an envelope field Bolt reads as an
    # object (`event`, `view`, `message`…) is refused here, as over Socket Mode.
    _check_envelope(body, "")
    _check(SlashCommand, body, "")
    return body


def parse(raw: str, content_type: str | None) -> dict[str, Any]:
    """The body as Bolt expects it, checked for the fields coprod reads. Raise Malformed."""
    if not raw:
        raise Malformed("empty body")
    if content_type == "application/json" or raw.startswith("{"):
        return _event_body(_json_object(raw, "body"))
    form = inbound.clean_all(dict(parse_qsl(raw, keep_blank_values=True)))
    if "payload" in form:
        return _interaction(_json_object(form["payload"], "payload"))
    if form.get("ssl_check") == "1":
        return form
    if "command" in form:
        return _slash_command(form)
    raise Malformed("not a slash command, interaction or event")


# Socket Mode envelope types → the check for their payload (the same checks as over HTTP).
_ENVELOPES = {
    "events_api": _event_body,
    "slash_commands": _slash_command,
    "interactive": _interaction,
}


def check_envelope(kind: str, payload: Any) -> dict[str, Any]:
    """A Socket Mode envelope's payload, checked exactly as the same payload over HTTP."""
    check = _ENVELOPES.get(kind)
    if check is None:
        raise Malformed(f"type: unknown envelope type {kind!r}")
    if not isinstance(payload, dict):
        raise Malformed("payload: must be a JSON object")
    try:
        payload = inbound.clean_all(payload)
    except Hostile as exc:
        raise Malformed(f"payload: {exc}") from None
    return check(payload)
