"""Slack payloads → the core's neutral events and conversation references (pure functions)."""

from __future__ import annotations

import json
from typing import Any

from bot.model import (
    CardAction,
    ChannelMessage,
    ChatKind,
    Command,
    ConversationRef,
    Event,
    MeetingEnded,
    User,
)
from bot.parse import strip_address

from .escapes import mentions, neutral
from .modal import FormTarget, answers
from .platform import NAME as PLATFORM_NAME
from .render import neutral_action_id

# Message subtypes that are still a person posting: everything else (edits, joins, bot posts,
# channel topic changes…) is ignored. See docs/slack.md.
HUMAN_SUBTYPES = frozenset({None, "thread_broadcast", "file_share", "me_message"})


def chat_kind(channel: str, channel_type: str | None = None, channel_name: str = "") -> ChatKind:
    """IM → direct, multi-person IM → group, public or private channel → channel."""
    if channel_type == "im" or channel.startswith("D") or channel_name == "directmessage":
        return ChatKind.DIRECT
    if channel_type == "mpim" or channel_name.startswith("mpdm-"):
        return ChatKind.GROUP
    return ChatKind.CHANNEL


def conversation(
    team: str,
    channel: str,
    *,
    channel_type: str | None = None,
    channel_name: str = "",
    thread: str | None = None,
) -> ConversationRef:
    return ConversationRef(
        platform=PLATFORM_NAME,
        workspace=team,
        channel=channel,
        kind=chat_kind(channel, channel_type, channel_name),
        thread=thread,
        channel_name=channel_name if channel_name not in ("directmessage", "privategroup") else "",
    )


def command_event(body: dict[str, Any], *, user: User | None = None) -> Command:
    """A slash command (`/coprod principles`) → Command."""
    ref = conversation(
        body["team_id"], body["channel_id"], channel_name=body.get("channel_name") or ""
    )
    person = user or User(id=body["user_id"], name=body.get("user_name") or "")
    text = neutral((body.get("text") or "").strip())
    return Command(ref, person, text=text, mentions=mentions(text))


def team_of(body: dict[str, Any]) -> str:
    """The workspace of an interactivity payload."""
    team = body.get("team") or {}
    return team.get("id") or body.get("user", {}).get("team_id") or ""


def message_thread(message: dict[str, Any] | None) -> str | None:
    """The thread a reply to `message` belongs in: its thread, or a new one under it."""
    if not message:
        return None
    return message.get("thread_ts") or message.get("ts")


def action_event(body: dict[str, Any], action: dict[str, Any]) -> CardAction:
    """A button click (`block_actions`) → CardAction with the button's own id and value."""
    channel = (body.get("channel") or {}).get("id")
    message = body.get("message") or {}
    thread = message.get("thread_ts")
    channel_name = (body.get("channel") or {}).get("name") or ""
    if channel is None and body.get("view"):  # a button inside one of our modals
        target = FormTarget.from_metadata(body["view"].get("private_metadata") or "")
        channel, thread, channel_name = target.channel, target.thread, target.channel_name
    if not channel:
        raise ValueError("this action has no conversation")
    ref = conversation(team_of(body), channel, channel_name=channel_name, thread=thread)
    user = body["user"]
    return CardAction(
        ref,
        User(id=user["id"], name=user.get("username") or user.get("name") or ""),
        action_id=neutral_action_id(action["action_id"]),
        value=button_value(action),
        message_id=message.get("ts"),
    )


def button_value(action: dict[str, Any]) -> dict[str, str]:
    """The value dict a button carries as JSON (a select carries its chosen option)."""
    raw = action.get("value")
    if raw is None and isinstance(action.get("selected_option"), dict):
        return {"value": str(action["selected_option"].get("value", ""))}
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {"value": str(raw)}
    if not isinstance(data, dict):
        return {"value": str(raw)}
    return {str(k): str(v) for k, v in data.items()}


def submission_event(body: dict[str, Any]) -> CardAction:
    """A submitted form modal (`view_submission`) → CardAction with the form's value + answers."""
    view = body["view"]
    target = FormTarget.from_metadata(view.get("private_metadata") or "")
    ref = conversation(
        target.team, target.channel, channel_name=target.channel_name, thread=target.thread
    )
    user = body["user"]
    return CardAction(
        ref,
        User(id=user["id"], name=user.get("username") or user.get("name") or ""),
        action_id=target.action_id,
        value={**target.value, **answers(view.get("state") or {})},
    )


def event_ref(team: str, event: dict[str, Any]) -> ConversationRef | None:
    """The conversation an Events API event happened in, if it names one."""
    channel = event.get("channel")
    if isinstance(channel, dict):  # channel_created and friends
        channel = channel.get("id")
    if not isinstance(channel, str) or not channel:
        item = event.get("item")
        channel = item.get("channel") if isinstance(item, dict) else None
    if not isinstance(channel, str) or not channel:
        return None
    return conversation(team, channel, channel_type=event.get("channel_type"))


def is_human_post(event: dict[str, Any], bot_user_id: str | None) -> bool:
    """A message a person wrote: no bot, not us, and a subtype that is still a post."""
    if event.get("bot_id") or event.get("bot_profile"):
        return False
    user = event.get("user")
    if not user or user == bot_user_id:
        return False
    return event.get("subtype") in HUMAN_SUBTYPES


def huddle_ended(team: str, event: dict[str, Any]) -> MeetingEnded | None:
    """Best effort: Slack documents no "huddle ended" event, but the huddle's thread message is
    edited (`message_changed`) to a `huddle_thread` whose `room.has_ended` is true."""
    if event.get("subtype") != "message_changed":
        return None
    message = event.get("message") or {}
    room = message.get("room") or {}
    if message.get("subtype") != "huddle_thread" or room.get("has_ended") is not True:
        return None
    ref = conversation(team, event["channel"], channel_type=event.get("channel_type"))
    return MeetingEnded(
        ref, None, meeting_id=str(room.get("id") or ""), title=room.get("name") or ""
    )


def message_event(team: str, event: dict[str, Any], bot_user_id: str | None) -> Event | None:
    """A `message` event → ChannelMessage (channels), Command (direct chat), MeetingEnded
    (a huddle ended) or None (ignored)."""
    ended = huddle_ended(team, event)
    if ended is not None:
        return ended
    if not is_human_post(event, bot_user_id):
        return None
    ref = conversation(
        team,
        event["channel"],
        channel_type=event.get("channel_type"),
        thread=event.get("thread_ts"),
    )
    user = User(id=event["user"])
    text = event.get("text") or ""
    if ref.is_direct:
        typed = strip_address(neutral(text))
        return Command(ref, user, text=typed, message_id=event.get("ts"), mentions=mentions(typed))
    return ChannelMessage(ref, user, text=text, message_id=event.get("ts"), mentions=mentions(text))


def mention_event(team: str, event: dict[str, Any], bot_user_id: str | None) -> Command:
    """`@coprod principles` → the command after the mention; a bare mention → help."""
    text = event.get("text") or ""
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    ref = conversation(
        team,
        event["channel"],
        channel_type=event.get("channel_type"),
        thread=event.get("thread_ts"),
    )
    typed = strip_address(neutral(text))
    return Command(
        ref,
        User(id=event["user"]),
        text=typed,
        message_id=event.get("ts"),
        mentions=mentions(typed),
    )
