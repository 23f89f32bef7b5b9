"""Check rounds: one open round per channel at a time, numbered 1, 2, 3… within the channel."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from ..model import ConversationRef
from ..store import Store

ROUNDS = "check_rounds"
OPEN, CLOSED = "open", "closed"
_OPEN_ATTEMPTS = 5


@dataclass(frozen=True)
class Round:
    """A check round. `key` is its id (`<channel key>#<seq>`); `owner` is a salted code of the
    person who opened it, never their id."""

    key: str
    scope: str
    channel: str
    seq: int
    status: str
    opened: str
    closed: str | None = None
    owner: str = ""
    channel_name: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    def doc(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("key")
        return data

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Round:
        return cls(
            key=doc["_key"],
            scope=doc["scope"],
            channel=doc["channel"],
            seq=int(doc["seq"]),
            status=doc["status"],
            opened=doc["opened"],
            closed=doc.get("closed"),
            owner=doc.get("owner", ""),
            channel_name=doc.get("channel_name", ""),
        )


def minute(when: datetime) -> str:
    """A round's opening or closing time, to the minute, in UTC."""
    return when.replace(second=0, microsecond=0).isoformat()


def round_key(ref: ConversationRef, seq: int) -> str:
    return f"{ref.channel_key}#{seq}"


async def channel_rounds(store: Store, scope: str, channel: str) -> list[Round]:
    """Every round of one channel, oldest first."""
    docs = await store.find(ROUNDS, scope=scope, channel=channel)
    return sorted((Round.from_doc(d) for d in docs), key=lambda r: r.seq)


async def latest(store: Store, ref: ConversationRef) -> Round | None:
    rounds = await channel_rounds(store, ref.scope, ref.channel)
    return rounds[-1] if rounds else None


async def get(store: Store, key: str) -> Round | None:
    doc = await store.get(ROUNDS, key)
    return Round.from_doc({**doc, "_key": key}) if doc else None


async def open_round(
    store: Store, ref: ConversationRef, *, owner: str, now: datetime
) -> tuple[Round, bool]:
    """Open a new round here, or return the one already open. True when this call opened it.

    The next number is claimed with `store.add`, so two people typing `check` at once open
    one round between them."""
    for _ in range(_OPEN_ATTEMPTS):
        last = await latest(store, ref)
        if last is not None and last.is_open:
            return last, False
        seq = last.seq + 1 if last else 1
        new = Round(
            key=round_key(ref, seq),
            scope=ref.scope,
            channel=ref.channel,
            seq=seq,
            status=OPEN,
            opened=minute(now),
            owner=owner,
            channel_name=ref.channel_name,
        )
        if await store.add(ROUNDS, new.key, new.doc()):
            return new, True
    raise RuntimeError(f"could not open a check round in {ref.channel_key}")


async def close(store: Store, rnd: Round, *, now: datetime) -> bool:
    """End an open round. True when this call ended it."""
    return await store.update(
        ROUNDS, rnd.key, {"status": CLOSED, "closed": minute(now)}, expect={"status": OPEN}
    )


async def forget_owner(store: Store, scope: str, owner: str) -> int:
    """Remove an owner code from every round in `scope` (for `forget me`)."""
    changed = 0
    for doc in await store.find(ROUNDS, scope=scope, owner=owner):
        if await store.update(ROUNDS, doc["_key"], {"owner": ""}, expect={"owner": owner}):
            changed += 1
    return changed
