"""When the bot keeps quiet: once per person and word a day, a cap per channel an hour, and
never again for someone who opted out. Only salted codes and expiry times are stored."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from ..model import ConversationRef
from ..store import Store
from .tally import purge_tally

COOLDOWNS = "jargon_cooldowns"
COUNTS = "jargon_counts"
OPTOUTS = "jargon_optouts"
CLAIMING = "jargon_claiming"  # one per person while a message of theirs claims its words
CLAIM_SECONDS = 60  # a claim left by a crashed process is taken over after this
COOLDOWN = timedelta(hours=24)
HOUR = timedelta(hours=1)


def _seconds(when: datetime) -> int:
    return int(when.timestamp())


def cooldown_key(code: str, term: str) -> str:
    """One key per (person, word): a hash, so the word a person used is not readable."""
    return hashlib.sha256(f"{code}\x1f{term.lower()}".encode()).hexdigest()[:32]


class HoldBack:
    """Cooldowns, the hourly channel cap and opt-outs, in the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._purged_hour: int | None = None

    async def opted_out(self, code: str) -> bool:
        return await self.store.get(OPTOUTS, code) is not None

    async def opt_out(self, scope: str, code: str) -> None:
        await self.store.put(OPTOUTS, code, {"scope": scope})

    async def opt_in(self, code: str) -> bool:
        """Undo `opt_out` (`jargon tips on`); True when this person had opted out."""
        return await self.store.delete(OPTOUTS, code)

    async def claim(self, scope: str, code: str, terms: list[str], now: datetime) -> list[str]:
        """Start the 24-hour cooldown of each term this person has not been told about, and
        return those terms. Atomic per (person, term): of two messages handled at once, only
        one claims a term, so a person is never told twice. And atomic per person: while one
        message claims its terms, another from the same person claims none (so two messages
        sharing words cannot win one word each and give two tips); its words get their tip
        the next time they are used."""
        if not await self._begin(scope, code, now):
            return []
        try:
            return await self._claim_terms(scope, code, terms, now)
        finally:
            await self.store.delete(CLAIMING, code)

    async def _begin(self, scope: str, code: str, now: datetime) -> bool:
        """Claim this person's turn with the store's atomic `add` (so it holds across replicas
        too); a turn older than CLAIM_SECONDS was left by a crash and is taken over."""
        doc = {"scope": scope, "who": code, "expires": _seconds(now) + CLAIM_SECONDS}
        if await self.store.add(CLAIMING, code, doc):
            return True
        old = await self.store.get(CLAIMING, code)
        if old is None:  # finished meanwhile
            return await self.store.add(CLAIMING, code, doc)
        return old["expires"] <= _seconds(now) and await self.store.update(
            CLAIMING, code, doc, expect={"expires": old["expires"]}
        )

    async def _claim_terms(
        self, scope: str, code: str, terms: list[str], now: datetime
    ) -> list[str]:
        expires = _seconds(now + COOLDOWN)
        won = []
        for term in terms:
            key = cooldown_key(code, term)
            doc = {"scope": scope, "who": code, "expires": expires}
            if await self.store.add(COOLDOWNS, key, doc):
                won.append(term)
                continue
            old = await self.store.get(COOLDOWNS, key)
            if old is None:  # purged meanwhile
                if await self.store.add(COOLDOWNS, key, doc):
                    won.append(term)
            elif old["expires"] <= _seconds(now) and await self.store.update(
                COOLDOWNS,
                key,
                {"scope": scope, "expires": expires},
                expect={"expires": old["expires"]},
            ):
                won.append(term)
        return won

    async def release(self, code: str, terms: list[str]) -> None:
        """Undo `claim` for terms that were not mentioned after all (the hourly cap was hit)."""
        for term in terms:
            await self.store.delete(COOLDOWNS, cooldown_key(code, term))

    async def take_slot(self, ref: ConversationRef, cap: int, now: datetime) -> bool:
        """Count one tip against this channel's hour; False when the hour's cap is reached."""
        if cap <= 0:
            return False
        key = f"{ref.channel_key}:{now:%Y%m%d%H}"
        first = {"scope": ref.scope, "count": 1, "expires": _seconds(now + 2 * HOUR)}
        if await self.store.add(COUNTS, key, first):
            return True
        for _attempt in range(8):
            doc = await self.store.get(COUNTS, key)
            if doc is None or doc["count"] >= cap:
                return False
            if await self.store.update(
                COUNTS, key, {"count": doc["count"] + 1}, expect={"count": doc["count"]}
            ):
                return True
        return False

    async def purge(self, now: datetime) -> int:
        """Delete expired cooldowns, counters and claims, at most once an hour per process:
        one write a table, however many expired, and nothing read (every document of these
        tables carries its `expires`)."""
        hour = _seconds(now) // 3600
        if self._purged_hour == hour:
            return 0
        self._purged_hour = hour
        cutoff = _seconds(now)
        gone = 0
        for table in (COOLDOWNS, COUNTS, CLAIMING):
            gone += await self.store.delete_upto(table, "expires", cutoff)
        return gone + await purge_tally(self.store, now)

    async def erase(self, code: str) -> int:
        """Everything kept about one person: their cooldowns and their opt-out."""
        gone = await self.store.delete_where(COOLDOWNS, who=code)
        gone += await self.store.delete(OPTOUTS, code)
        gone += await self.store.delete(CLAIMING, code)
        return gone
