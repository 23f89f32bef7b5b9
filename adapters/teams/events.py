"""Turn a Bot Framework activity into the core's neutral reference, person and event.

People are identified by `from.id` (the Teams user id the bot sees, "29:…"), the same id
`create_conversation` needs and the one admins write in COPROD_ADMINS as `teams:29:…`."""

from __future__ import annotations

import re
from typing import Any

from botbuilder.schema import Activity

from bot.model import (
    CardAction,
    ChannelMessage,
    ChatKind,
    Command,
    ConversationRef,
    Event,
    MeetingEnded,
    Mention,
    User,
)

from .platform import NAME as PLATFORM_NAME

DEFAULT_WORKSPACE = "default"
THREAD_MARK = ";messageid="
SUBMIT_ACTION_KEY = "action"  # Action.Submit data carries the action id under this key
_KINDS = {"personal": ChatKind.DIRECT, "groupChat": ChatKind.GROUP, "channel": ChatKind.CHANNEL}
_AT = re.compile(r"<at[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)


def _get(data: Any, *path: str) -> Any:
    """A nested value of plain dicts, or None."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def tenant_of(activity: Activity) -> str | None:
    """The tenant the activity comes from: channelData.tenant.id, else conversation.tenantId."""
    tenant = _get(activity.channel_data, "tenant", "id")
    if not tenant and activity.conversation is not None:
        tenant = activity.conversation.tenant_id
    return tenant if isinstance(tenant, str) and tenant else None


def split_thread(conversation_id: str) -> tuple[str, str | None]:
    """`19:x@thread.tacv2;messageid=17` → (`19:x@thread.tacv2`, `17`)."""
    base, mark, message = conversation_id.partition(THREAD_MARK)
    return base, (message or None) if mark else None


def conversation_ref(activity: Activity) -> ConversationRef:
    conversation = activity.conversation
    channel, thread = split_thread(conversation.id)
    kind = _KINDS.get(_text(conversation.conversation_type))
    if kind is None:
        kind = ChatKind.GROUP if conversation.is_group else ChatKind.DIRECT
    data = activity.channel_data
    name = _text(_get(data, "channel", "name")) or _text(conversation.name)
    if (
        kind == ChatKind.CHANNEL
        and not name
        and _get(data, "channel", "id") == _get(data, "team", "id")
    ):
        name = "General"
    return ConversationRef(
        platform=PLATFORM_NAME,
        workspace=tenant_of(activity) or DEFAULT_WORKSPACE,
        channel=channel,
        kind=kind,
        thread=thread,
        team=_text(_get(data, "team", "id")) or None,
        endpoint=activity.service_url,
        bot_id=activity.recipient.id if activity.recipient else None,
        channel_name=name[:200],
    )


def person(activity: Activity) -> User | None:
    sender = activity.from_property
    if sender is None or not sender.id:
        return None
    # Teams sends the sender's client language on every activity ("cy-GB", "en-US").
    return User(id=sender.id, name=_text(sender.name), locale=_text(activity.locale))


def mentions_bot(activity: Activity) -> bool:
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        if _text(entity.type).lower() != "mention":
            continue
        mentioned = (entity.additional_properties or {}).get("mentioned")
        if bot_id and _get(mentioned, "id") == bot_id:
            return True
    return False


def _mentioned(activity: Activity) -> tuple[set[str], dict[str, str]]:
    """The texts of the bot's mentions, and each other person's mention text → their id."""
    bot_texts = set()
    people: dict[str, str] = {}
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        props = entity.additional_properties or {}
        if _text(entity.type).lower() != "mention":
            continue
        mentioned_id = _get(props, "mentioned", "id")
        if mentioned_id == bot_id:
            bot_texts.add(_text(props.get("text")))
        elif mentioned_id and props.get("text"):
            people[_text(props.get("text"))] = str(mentioned_id)
    return bot_texts, people


def _name_of(mention: str) -> str:
    """The display name in a mention's text (`<at>Sam Lee</at>` → `Sam Lee`)."""
    name = _AT.sub(lambda m: m.group(1), mention)
    return name.replace("|", " ").replace(">", " ").replace("\u00a0", " ")


def _in_order(text: str, found: list[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted((m for m in found if m.text in text), key=lambda m: text.find(m.text)))


def command_text(activity: Activity) -> tuple[str, tuple[Mention, ...]]:
    """The message text with the bot's `<at>…</at>` mention removed, and the people it names.
    Other people's mentions become `<@id|name>` in the text, each the `text` of its Mention,
    so a command such as `admin admins add @Sam` knows whom it names."""
    text = _text(activity.text)
    bot_texts, people = _mentioned(activity)
    for mention in bot_texts:
        if mention:
            text = text.replace(mention, " ")
    found = []
    for mention, person in people.items():
        name = _name_of(mention)
        token = f"<@{person}|{name}>"
        text = text.replace(mention, token)
        found.append(Mention(person, name, token))
    text = _AT.sub(lambda m: m.group(1), text).replace("\u00a0", " ").strip()
    return text, _in_order(text, found)


def without_bot_mention(activity: Activity) -> str:
    """The message text with the bot's mention removed (see `command_text`)."""
    return command_text(activity)[0]


def channel_text(activity: Activity) -> tuple[str, tuple[Mention, ...]]:
    """A channel message's text with each person's `<at>Sam</at>` written `@Sam`, and the
    people it names, so the core reads no Teams markup."""
    text = _text(activity.text)
    _bots, people = _mentioned(activity)
    found = []
    for mention, person in people.items():
        name = _name_of(mention).strip()
        written = f"@{name}"
        text = text.replace(mention, written)
        found.append(Mention(person, name, written))
    text = _AT.sub(lambda m: m.group(1), text)
    return text, _in_order(text, found)


def _string_values(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {
        str(k): v if isinstance(v, str) else str(v)
        for k, v in data.items()
        if v is not None and not isinstance(v, dict | list)
    }


def message_event(activity: Activity, ref: ConversationRef | None = None) -> Event | None:
    """A message activity → Command, ChannelMessage or (Action.Submit) CardAction. `ref`: its
    `conversation_ref`, when the caller has it already."""
    ref = ref or conversation_ref(activity)
    user = person(activity)
    if isinstance(activity.value, dict) and activity.value.get(SUBMIT_ACTION_KEY):
        values = _string_values(activity.value)
        action_id = values.pop(SUBMIT_ACTION_KEY, "")
        return CardAction(
            ref, user, action_id=action_id, value=values, message_id=activity.reply_to_id
        )
    if activity.value is not None and not activity.text:
        return None
    if ref.kind == ChatKind.DIRECT or mentions_bot(activity):
        text, named = command_text(activity)
        return Command(ref, user, text=text, message_id=activity.id, mentions=named)
    if ref.kind == ChatKind.CHANNEL:
        text, named = channel_text(activity)
        return ChannelMessage(ref, user, text=text, message_id=activity.id, mentions=named)
    return None


def execute_action(activity: Activity) -> CardAction | None:
    """An `adaptiveCard/action` invoke (Action.Execute) → CardAction(verb, data)."""
    verb = _get(activity.value, "action", "verb")
    if not isinstance(verb, str) or not verb:
        return None
    data = _string_values(_get(activity.value, "action", "data"))
    return CardAction(
        conversation_ref(activity),
        person(activity),
        action_id=verb,
        value=data,
        message_id=activity.reply_to_id,
    )


def meeting_ended(activity: Activity, meeting: dict[str, Any] | None) -> MeetingEnded:
    """A meetingEnd event. `meeting` is the raw activity value (TitleCase keys: Id, Title…)."""
    meeting_id = _get(activity.channel_data, "meeting", "id") or _get(meeting, "Id") or ""
    return MeetingEnded(
        conversation_ref(activity),
        person(activity),
        meeting_id=_text(meeting_id),
        title=_text(_get(meeting, "Title"))[:200],
    )


def bot_was_added(activity: Activity) -> bool:
    bot_id = activity.recipient.id if activity.recipient else None
    return any(m is not None and m.id == bot_id for m in activity.members_added or [])
