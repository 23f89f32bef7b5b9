"""The neutral model: who, where, what happened (events) and what to say back (replies, cards)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from .chart import Chart


class Platform(str):
    """A platform's name, as its adapter package registers it (`bot/platforms.py`). Once
    registered, `Platform.<NAME>` names it too (for tests and tools); the core
    itself never names a platform."""

    __slots__ = ()


class ChatKind(StrEnum):
    CHANNEL = "channel"
    GROUP = "group"
    DIRECT = "direct"


@dataclass(frozen=True)
class User:
    """A person on a platform. `id` is the platform's id; `name` is for display only."""

    id: str
    name: str = ""
    is_guest: bool = False
    platform_admin: bool = False
    locale: str = ""  # the platform's language tag for this person ("cy-GB"), when it says


@dataclass(frozen=True)
class ConversationRef:
    """Where to reach a conversation later, serialisable so the scheduler can post proactively.

    `workspace` is the platform's workspace or tenant id: everything is keyed on
    (platform, workspace). `team` is the Teams team id when there is one. `endpoint` is the
    platform's reply address (the Teams serviceUrl). `thread` is a thread or reply-chain id."""

    platform: Platform
    workspace: str
    channel: str
    kind: ChatKind = ChatKind.CHANNEL
    thread: str | None = None
    team: str | None = None
    endpoint: str | None = None
    bot_id: str | None = None
    channel_name: str = ""

    @property
    def scope(self) -> str:
        """The tenant key: data of one scope is never visible from another."""
        return f"{self.platform}:{self.workspace}"

    @property
    def channel_key(self) -> str:
        return f"{self.scope}:{self.channel}"

    @property
    def is_direct(self) -> bool:
        return self.kind == ChatKind.DIRECT

    def in_thread(self, thread: str | None) -> ConversationRef:
        return _replace(self, thread=thread)

    def to_dict(self) -> dict[str, Any]:
        """Every field in order, enums as plain strings: `asdict` without its deep copy."""
        named = zip(_REF_FIELDS, map(self.__getattribute__, _REF_FIELDS), strict=True)
        return {n: str(v) if isinstance(v, _STRINGS) else v for n, v in named}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversationRef:
        known = _REF_KNOWN if cls is ConversationRef else {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["platform"] = Platform(values["platform"])
        values["kind"] = ChatKind(values.get("kind", "channel"))
        return cls(**values)


_REF_FIELDS = tuple(f.name for f in fields(ConversationRef))  # all flat: str, enum or None
_REF_KNOWN, _STRINGS = frozenset(_REF_FIELDS), (StrEnum, Platform)


def _replace(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


# ---- events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A person named in a message, as the adapter resolved them: the platform's `id`, their
    display `name`, and the `text` that stands for them in the event's text (the core looks a
    person up by it and never parses a platform's mention markup). An empty `id` is a mention
    of a group, a channel or everyone (Slack's `<!here>`): never one person."""

    id: str
    name: str = ""
    text: str = ""


@dataclass(frozen=True)
class Event:
    """Something that happened in a conversation."""

    ref: ConversationRef
    user: User | None = None


@dataclass(frozen=True)
class Command(Event):
    """`/coprod <text>`: `text` is what follows the command name, already stripped.
    `mentions` are the people it names, in order."""

    text: str = ""
    message_id: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class ChannelMessage(Event):
    """An ordinary human message in a channel. The text is scanned in memory, never stored.
    `mentions` are the people it names, in order."""

    text: str = ""
    message_id: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class CardAction(Event):
    """A button press or form submission on one of the bot's cards."""

    action_id: str = ""
    value: dict[str, str] = field(default_factory=dict)
    message_id: str | None = None


@dataclass(frozen=True)
class MeetingEnded(Event):
    """A meeting in this conversation has ended (Teams meetingEnd, Slack huddle, or by hand)."""

    meeting_id: str = ""
    title: str = ""


@dataclass(frozen=True)
class Installed(Event):
    """The bot was added to this conversation."""


# ---- replies ------------------------------------------------------------------------------


class Visibility(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class Threading(StrEnum):
    """Where a reply goes: the conversation itself, or the thread of the triggering message."""

    CHANNEL = "channel"
    THREAD = "thread"


class Style(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


@dataclass(frozen=True)
class Text:
    """A paragraph of the core's markdown subset: **bold**, _italic_, `code`, "- " lists."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, shown side by side where the platform can."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Context:
    """Small print under a card: attribution, why a nudge appeared."""

    text: str


@dataclass(frozen=True)
class Divider:
    pass


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: dict[str, str] = field(default_factory=dict)
    style: Style = Style.DEFAULT


@dataclass(frozen=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Choice:
    """A single-choice question in a form."""

    id: str
    label: str
    options: tuple[Option, ...]
    required: bool = True
    initial: str | None = None


@dataclass(frozen=True)
class TextInput:
    id: str
    label: str
    multiline: bool = False
    placeholder: str = ""
    initial: str = ""
    max_length: int = 3000
    required: bool = True


@dataclass(frozen=True)
class Form:
    """Questions answered together and sent as one card action (`action_id`, with the answers)."""

    id: str
    inputs: tuple[Choice | TextInput, ...]
    submit_label: str
    action_id: str
    value: dict[str, str] = field(default_factory=dict)


Block = Text | Fields | Context | Divider | Buttons | Form


@dataclass(frozen=True)
class Card:
    """A small rich message. Every card carries `fallback_text` for notifications and plain text."""

    title: str
    fallback_text: str
    blocks: tuple[Block, ...] = ()
    id: str = ""
    chart: Chart | None = None  # a picture of the card's numbers; the blocks keep the text


@dataclass(frozen=True)
class File:
    """A file sent with a reply (a report, an export): its bytes, its name, its type and one
    line that says what it is. Each adapter delivers it its own way (Slack: uploaded into the
    person's direct chat; Teams and the local chat: a signed link that expires). A reply with a
    file is private: it goes to one person."""

    data: bytes = field(repr=False)
    name: str
    mime: str
    summary: str

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Reply:
    """What the bot says. Private replies reach only `recipient` (or the caller) and are never
    silently made public: an adapter without ephemeral messages uses a direct chat or refuses."""

    text: str = ""
    card: Card | None = None
    visibility: Visibility = Visibility.PUBLIC
    threading: Threading = Threading.CHANNEL
    recipient: User | None = None
    to: ConversationRef | None = None
    replace_card: bool = False
    is_error: bool = False
    # An id a scheduled post can be found by again (`Adapter.delivered` after a crash); the
    # adapter carries it with the post, so no adapter reads a feature's card to learn it.
    key: str | None = None
    file: File | None = None  # sent privately to the recipient with the reply
    # False: delivering this reply keeps no new way to reach the person (the `forget me`
    # confirmation: a personal chat opened for it is not stored again).
    remember_chat: bool = True
    # The locale it is written in ("" is English): adapters write their own words around it
    # (button labels, form notes, file notes) in it too. Set by the core (`Core.handle`,
    # `languages.posting.in_locales`).
    locale: str = ""

    @property
    def fallback(self) -> str:
        """Plain text for notifications and platforms that cannot show the card."""
        return self.card.fallback_text if self.card else self.text

    @property
    def private(self) -> bool:
        return self.visibility == Visibility.PRIVATE


def card_to_dict(card: Card) -> dict[str, Any]:
    """A JSON-ready form of a card, with a `type` on every block."""
    return {
        "id": card.id,
        "title": card.title,
        "fallback_text": card.fallback_text,
        "blocks": [{"type": type(b).__name__.lower(), **asdict(b)} for b in card.blocks],
    }


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "card": card_to_dict(reply.card) if reply.card else None,
        "visibility": str(reply.visibility),
        "threading": str(reply.threading),
        "fallback_text": reply.fallback,
        "file": (
            {"name": reply.file.name, "mime": reply.file.mime, "summary": reply.file.summary}
            if reply.file
            else None
        ),
    }
