"""The parts of an incoming Teams activity the SDK-free modules read, as structural types:
botbuilder's `Activity` fits them, and so would the Agents SDK's (same snake_case fields)."""

from __future__ import annotations

from typing import Protocol

MESSAGE = "message"  # the activity type of a message (botbuilder's `ActivityTypes.message`)


class HasId(Protocol):
    """A conversation account: only its id is read."""

    @property
    def id(self) -> str | None: ...


class ActivityIds(Protocol):
    """What names one delivery: the channel, the conversation and the activity id."""

    @property
    def id(self) -> str | None: ...

    @property
    def channel_id(self) -> str | None: ...

    @property
    def conversation(self) -> HasId | None: ...


class TurnActivity(ActivityIds, Protocol):
    """What answering an activity reads: its type and the service URL to answer through."""

    @property
    def type(self) -> str | None: ...

    @property
    def service_url(self) -> str | None: ...
