"""Check rounds: one open round per channel at a time, numbered 1, 2, 3… within the channel.

A round is `open` (taking answers), then `closing` (taking none; its results are being worked
out), then `closed`, with its results kept on the round itself. A deleted round keeps only its
number, so the number is never used again."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from ..hooks import RoundSpan
from ..model import ConversationRef
from ..store import Store

ROUNDS = "check_rounds"
OPEN, CLOSING, CLOSED, DELETED = "open", "closing", "closed", "deleted"
BY_PERSON, BY_TIME = "person", "time"  # who closed a round: its opener or an admin, or the clock
_OPEN_ATTEMPTS = 5


@dataclass(frozen=True)
class Round:
    """A check round. `key` is its id (`<channel key>#<seq>`); `owner` is a salted code of the
        person who opened it, never their id. `closes` is when it closes on its own. Once closed,
        `answered` is how many answered, `minimum` the minimum group size then, and `results` the
    published totals (None when too few)."""

    key: str
    scope: str
    channel: str
    seq: int
    status: str
    opened: str = ""
    closed: str | None = None
    owner: str = ""
    channel_name: str = ""
    closes: str = ""
    closed_by: str = ""
    answered: int | None = None
    minimum: int | None = None
    results: dict[str, Any] | None = None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def settled(self) -> bool:
        """Closed, with its results (or their absence) decided once and for all."""
        return self.status == CLOSED and self.answered is not None

    def doc(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("key")
        return data

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Round:
        answered, minimum = doc.get("answered"), doc.get("minimum")
        return cls(
            key=doc["_key"],
            scope=doc["scope"],
            channel=doc["channel"],
            seq=int(doc["seq"]),
            status=doc["status"],
            opened=doc.get("opened", ""),
            closed=doc.get("closed"),
            owner=doc.get("owner", ""),
            channel_name=doc.get("channel_name", ""),
            closes=doc.get("closes", ""),
            closed_by=doc.get("closed_by", ""),
            answered=None if answered is None else int(answered),
            minimum=None if minimum is None else int(minimum),
            results=doc.get("results"),
        )


def minute(when: datetime) -> str:
    """A round's opening or closing time, to the minute, in UTC."""
    return when.replace(second=0, microsecond=0).isoformat()


def round_key(ref: ConversationRef, seq: int) -> str:
    return f"{ref.channel_key}#{seq}"


async def channel_rounds(store: Store, scope: str, channel: str) -> list[Round]:
    """Every round of one channel that has not been deleted, oldest first."""
    docs = await store.find(ROUNDS, scope=scope, channel=channel)
    found = (Round.from_doc(d) for d in docs if d.get("status") != DELETED)
    return sorted(found, key=lambda r: r.seq)


async def previous_closed(store: Store, rnd: Round) -> Round | None:
    """The channel's latest round closed before `rnd`, if any."""
    earlier = [
        r
        for r in await channel_rounds(store, rnd.scope, rnd.channel)
        if r.seq < rnd.seq and r.status == CLOSED and r.closed
    ]
    return max(earlier, key=lambda r: r.seq) if earlier else None


async def span_of(store: Store, rnd: Round) -> RoundSpan:
    """`rnd` as other features' hooks see it (`bot/hooks.py`)."""
    before = await previous_closed(store, rnd)
    since = before.closed if before else None
    return RoundSpan(rnd.scope, rnd.channel, rnd.seq, since, rnd.closed)


async def _last_seq(store: Store, ref: ConversationRef) -> tuple[int, Round | None]:
    """The highest round number used here (deleted rounds too), and the latest live round."""
    docs = await store.find(ROUNDS, scope=ref.scope, channel=ref.channel)
    seq = max((int(d["seq"]) for d in docs), default=0)
    live = [Round.from_doc(d) for d in docs if d.get("status") != DELETED]
    return seq, max(live, key=lambda r: r.seq) if live else None


async def latest(store: Store, ref: ConversationRef) -> Round | None:
    return (await _last_seq(store, ref))[1]


async def by_number(store: Store, ref: ConversationRef, seq: int) -> Round | None:
    found = await get(store, round_key(ref, seq))
    return found if found is not None and found.status != DELETED else None


async def get(store: Store, key: str) -> Round | None:
    doc = await store.get(ROUNDS, key)
    return Round.from_doc({**doc, "_key": key}) if doc else None


async def next_round(store: Store, ref: ConversationRef) -> tuple[int, Round | None]:
    """The number a new round here would take, and the round already open (if one is)."""
    seq, last = await _last_seq(store, ref)
    return seq + 1, last if last is not None and last.is_open else None


async def add_round(store: Store, new: Round) -> bool:
    """Store a new round; False if its number was taken meanwhile (someone else opened one).
    The number is claimed with `store.add`, so two people typing `check` at once open one."""
    return await store.add(ROUNDS, new.key, new.doc())


def new_round(
    ref: ConversationRef, seq: int, *, owner: str, now: datetime, closes: datetime
) -> Round:
    return Round(
        key=round_key(ref, seq),
        scope=ref.scope,
        channel=ref.channel,
        seq=seq,
        status=OPEN,
        opened=minute(now),
        owner=owner,
        channel_name=ref.channel_name,
        closes=minute(closes),
    )


async def begin_close(store: Store, rnd: Round, *, now: datetime, by: str) -> bool:
    """Stop an open round taking answers. True when this call did it (so only one closer ever
    publishes a round's results)."""
    return await store.update(
        ROUNDS,
        rnd.key,
        {"status": CLOSING, "closed": minute(now), "closed_by": by},
        expect={"status": OPEN},
    )


async def mark_settled(
    store: Store, rnd: Round, answered: int, minimum: int, results: dict[str, Any] | None
) -> bool:
    """Record a closing round's results once: True for the call that recorded them."""
    return await store.update(
        ROUNDS,
        rnd.key,
        {"status": CLOSED, "answered": answered, "minimum": minimum, "results": results},
        expect={"status": rnd.status, "answered": None},
    )


async def mark_deleted(store: Store, rnd: Round) -> None:
    """Replace a closed round by its bare number (scope, channel, number, deleted)."""
    await store.put(
        ROUNDS,
        rnd.key,
        {"scope": rnd.scope, "channel": rnd.channel, "seq": rnd.seq, "status": DELETED},
    )


async def forget_owner(store: Store, scope: str, owner: str) -> int:
    """Remove an owner code from every round in `scope` (for `forget me`)."""
    changed = 0
    for doc in await store.find(ROUNDS, scope=scope, owner=owner):
        if await store.update(ROUNDS, doc["_key"], {"owner": ""}, expect={"owner": owner}):
            changed += 1
    return changed
