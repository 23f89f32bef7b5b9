"""Recording answers anonymously: no user id is stored, and a salted claim stops double answers.

Each answer is a document with the round, scope, channel, the 8 scores, the optional role and
the day. A separate claim document, keyed by a one-way code of (round, person), records only
that this person has answered. Claims are written with `store.add` before the answer, so two
clicks landing at once count once. A second answer is refused: answers are never linked to a
claim, so there is nothing to replace. Claims stay until the round closes, even after
`forget me` (they identify nobody, and without them a person could answer twice). When the
round closes its results are kept as totals on the round, and its answers and claims are
deleted."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..store import Store
from .rounds import OPEN, ROUNDS, Round

if TYPE_CHECKING:
    from ..context import Context

ANSWERS = "check_answers"
CLAIMS = "check_claims"
PRINCIPLES = tuple(range(1, 9))
LEVELS = (1, 2, 3, 4)  # Not yet, Starting, Developing, Embedded
DONT_KNOW = 0
ROLES = ("partner", "staff", "other")


@dataclass(frozen=True)
class Answer:
    """One person's 8 scores (0 = don't know, 1–4) and their role ("" when not given)."""

    scores: tuple[int, ...]
    role: str = ""

    def score(self, number: int) -> int:
        return self.scores[number - 1]


_NUMBERS = re.compile(r"^[\s,;]*((?:[0-4][\s,;]*){8})(.*)$")
_ROLE = re.compile(r"^(?:as\s+(?:an?\s+)?)?(partner|staff|other)s?\.?$")


def parse_text(text: str) -> Answer | None:
    """`2 3 1 4 0 2 3 1 as partner` (or `23140231`, commas allowed) → an Answer; None if not."""
    match = _NUMBERS.match(text.strip().lower())
    if not match:
        return None
    digits = [int(ch) for ch in match.group(1) if ch.isdigit()]
    rest = match.group(2).strip()
    role = ""
    if rest:
        found = _ROLE.match(rest)
        if not found:
            return None
        role = found.group(1)
    return Answer(tuple(digits), role)


def form_field(number: int) -> str:
    return f"p{number}"


def parse_form(value: dict[str, str]) -> tuple[Answer | None, list[int]]:
    """A submitted form → (Answer, []) or (None, the principles left unanswered)."""
    scores: list[int] = []
    missing: list[int] = []
    for number in PRINCIPLES:
        raw = str(value.get(form_field(number), "")).strip()
        if raw in {"0", "1", "2", "3", "4"}:
            scores.append(int(raw))
        else:
            missing.append(number)
    if missing:
        return None, missing
    role = str(value.get("role", "")).strip().lower()
    return Answer(tuple(scores), role if role in ROLES else ""), []


def claim_key(round_key: str, person_code: str) -> str:
    """The claim's key: one-way from (round, the person's salted code)."""
    return hashlib.sha256(f"{round_key}\x1f{person_code}".encode()).hexdigest()[:32]


async def person_claim(ctx: Context, rnd: Round) -> str:
    return claim_key(rnd.key, await ctx.user_code("check"))


async def record(ctx: Context, rnd: Round, answer: Answer, *, now: datetime) -> bool | None:
    """Store `answer` for this round unless this person already answered it. True if stored,
    False if they had answered, None if the round stopped taking answers meanwhile."""
    store = ctx.store
    claim = await person_claim(ctx, rnd)
    if not await store.add(CLAIMS, claim, {"round": rnd.key, "scope": rnd.scope}):
        return False
    doc: dict[str, Any] = {
        "round": rnd.key,
        "scope": rnd.scope,
        "channel": rnd.channel,
        "scores": list(answer.scores),
        "role": answer.role,
        "day": now.date().isoformat(),
    }
    key = secrets.token_hex(12)
    try:
        await store.put(ANSWERS, key, doc)
    except BaseException:
        await store.delete(CLAIMS, claim)
        raise
    # A round that began closing while this answer was written takes no more: take it back,
    # so nothing is left behind after the round's answers are deleted.
    now_doc = await store.get(ROUNDS, rnd.key)
    if now_doc is None or now_doc.get("status") != OPEN:
        await store.delete(ANSWERS, key)
        await store.delete(CLAIMS, claim)
        return None
    return True


async def for_round(store: Store, rnd: Round) -> list[Answer]:
    """The answers of one round, in no particular order."""
    return [
        Answer(tuple(int(s) for s in d["scores"]), d.get("role", ""))
        for d in await store.find(ANSWERS, scope=rnd.scope, round=rnd.key)
    ]


async def count(store: Store, rnd: Round) -> int:
    return await store.count(ANSWERS, scope=rnd.scope, round=rnd.key)


async def drop_claims(store: Store, rnd: Round) -> int:
    """Delete a round's claims once it has closed: nobody can answer it any more."""
    return await store.delete_where(CLAIMS, round=rnd.key)


async def drop_answers(store: Store, rnd: Round) -> int:
    """Delete a round's answers: once its totals are kept on it, or when it is deleted."""
    return await store.delete_where(ANSWERS, round=rnd.key)
