"""Stored actions: one document per action, numbered per channel, changed by compare-and-set.

An action's text is written on purpose to be kept, so it is stored; so is its owner's platform
id (reminders must reach them) and the name the owner was written with. Who created it is kept
only as a salted code. Keys are `<scope>:<channel>#<number>`, so workspaces never mix."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import MISSING, asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from ..model import ConversationRef
from ..store import Doc, Store

TABLE = "actions"
COUNTERS = "action_counters"
OPEN, DONE, DROPPED = "open", "done", "dropped"
CLOSED = (DONE, DROPPED)
MAX_TEXT = 500  # characters of an action's text
MAX_NOTE = 300  # characters of what was done, or why it was dropped
MAX_OPEN = 500  # open actions per channel


@dataclass(frozen=True)
class Action:
    """One action. `due` is a local date (YYYY-MM-DD) in the channel's time zone."""

    scope: str
    channel_key: str
    number: int
    text: str
    created_at: str
    creator: str = ""  # a salted code of who created it, never their id
    owner: str | None = None  # the owner's platform id
    owner_name: str = ""
    due: str | None = None
    principle: int | None = None
    status: str = OPEN
    closed_at: str | None = None
    note: str = ""
    version: int = 0
    needs_owner: bool = False  # its owner asked to be forgotten

    @property
    def key(self) -> str:
        return action_key(self.channel_key, self.number)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def due_date(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None

    def overdue(self, today: date) -> bool:
        due = self.due_date()
        return self.is_open and due is not None and due < today

    def to_doc(self) -> Doc:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: Doc) -> Action:
        """The action a stored document holds (fields it does not know, such as `_key`, are
        left out). Built without `__init__`, whose frozen field-by-field setting was most of
        the cost of listing a channel's hundreds of open actions."""
        if not _REQUIRED <= doc.keys():
            return cls(**{k: v for k, v in doc.items() if k in _FIELDS})  # raises TypeError
        action = object.__new__(cls)
        values = action.__dict__
        values.update(_DEFAULTS)
        for k, v in doc.items():
            if k in _FIELDS:
                values[k] = v
        return action


_FIELDS = frozenset(f.name for f in fields(Action))
_REQUIRED = frozenset(f.name for f in fields(Action) if f.default is MISSING)
_DEFAULTS = {f.name: f.default for f in fields(Action) if f.default is not MISSING}
_COLUMNS = tuple(f.name for f in fields(Action))
_DUE, _NUMBER = _COLUMNS.index("due"), _COLUMNS.index("number")


def action_key(channel_key: str, number: int) -> str:
    return f"{channel_key}#{number}"


async def _next_number(store: Store, ref: ConversationRef) -> int:
    """The channel's next action number (compare-and-set, so replicas never share one)."""
    key = ref.channel_key
    await store.add(COUNTERS, key, {"scope": ref.scope, "next": 1})
    while True:
        doc = await store.get(COUNTERS, key)
        assert doc is not None
        number = int(doc["next"])
        if await store.update(COUNTERS, key, {"next": number + 1}, expect={"next": number}):
            return number


async def create(store: Store, ref: ConversationRef, action: Action) -> Action:
    """Store a new action under the channel's next number; the stored action."""
    while True:
        number = await _next_number(store, ref)
        made = replace(action, scope=ref.scope, channel_key=ref.channel_key, number=number)
        if await store.add(TABLE, made.key, made.to_doc()):
            return made


async def get(store: Store, ref: ConversationRef, number: int) -> Action | None:
    doc = await store.get(TABLE, action_key(ref.channel_key, number))
    if doc is None or doc.get("scope") != ref.scope:
        return None
    return Action.from_doc(doc)


async def change(store: Store, action: Action, **changes: Any) -> Action | None:
    """Apply `changes` if nobody changed the action since it was read; the new action, or None
    when it changed underneath (the caller reads it again and decides)."""
    version = action.version + 1
    doc = {**changes, "version": version}
    if await store.update(TABLE, action.key, doc, expect={"version": action.version}):
        return replace(action, **changes, version=version)
    return None


async def open_here(store: Store, ref: ConversationRef) -> list[Action]:
    """The channel's open actions, oldest first."""
    found = await store.find(TABLE, channel_key=ref.channel_key, status=OPEN, scope=ref.scope)
    actions = [Action.from_doc(d) for d in found]
    return sorted(actions, key=_number)


@dataclass(frozen=True)
class OpenActions:
    """A channel's open actions as a list shows them: the first few, in the order shown."""

    first: list[Action]  # overdue first (the longest overdue first), then oldest first
    total: int  # open actions in the channel
    overdue: int


def shown_order(due: str | None, number: int, today: str) -> tuple[bool, str, int]:
    """Where an open action comes in a list: overdue first (the longest overdue first), then
    the rest oldest first. `due` and `today` are ISO dates, which compare as text."""
    late = due is not None and due < today
    return (not late, due if late and due is not None else "", number)


async def open_first(
    store: Store, ref: ConversationRef, today: Awaitable[date], limit: int
) -> tuple[OpenActions, date]:
    """The channel's open actions in the order shown, the first `limit` of them in full, and
    the day `today` gave. Only those become `Action`s; the rest are counted from the fields the
    store sends. The store is read while `today` (the channel's time zone) is read, so on
    PostgreSQL the two round trips overlap."""
    rows, when = await asyncio.gather(
        store.find_fields(
            TABLE, _COLUMNS, channel_key=ref.channel_key, status=OPEN, scope=ref.scope
        ),
        today,
    )
    return _arranged(rows, when, limit), when


def _arranged(rows: list[tuple[Any, ...]], today: date, limit: int) -> OpenActions:
    day = today.isoformat()
    keyed = [(shown_order(row[_DUE], row[_NUMBER], day), row) for row in rows]
    overdue = sum(1 for key, _row in keyed if not key[0])
    keyed.sort(key=_first)
    first = [_from_row(row) for _key, row in keyed[:limit]]
    return OpenActions(first=first, total=len(rows), overdue=overdue)


def _first(pair: tuple[tuple[bool, str, int], Any]) -> tuple[bool, str, int]:
    return pair[0]


def _from_row(row: tuple[Any, ...]) -> Action:
    """An action from `find_fields` of `_COLUMNS` (a field it lacks, None, takes its default)."""
    return Action.from_doc({k: v for k, v in zip(_COLUMNS, row, strict=True) if v is not None})


async def in_channel(store: Store, ref: ConversationRef) -> list[Action]:
    found = await store.find(TABLE, channel_key=ref.channel_key, scope=ref.scope)
    actions = [Action.from_doc(d) for d in found]
    return sorted(actions, key=_number)


def _number(action: Action) -> int:
    return action.number


async def owned_by(store: Store, scope: str, owner: str) -> list[Action]:
    """Open actions in the workspace whose owner is `owner` (a platform id)."""
    found = await store.find(TABLE, scope=scope, owner=owner, status=OPEN)
    return sorted((Action.from_doc(d) for d in found), key=lambda a: (a.channel_key, a.number))


async def in_scope(store: Store, scope: str | None = None) -> list[Action]:
    where = {"scope": scope} if scope else {}
    found = await store.find(TABLE, **where)
    return sorted((Action.from_doc(d) for d in found), key=lambda a: (a.channel_key, a.number))


def closed_between(
    actions: list[Action], start: datetime | None, end: datetime | None
) -> list[Action]:
    """Actions closed after `start` (if given) and no later than `end` (if given)."""
    out = []
    for a in actions:
        if a.status not in CLOSED or not a.closed_at:
            continue
        at = datetime.fromisoformat(a.closed_at)
        if (start is None or at > start) and (end is None or at <= end):
            out.append(a)
    return out
