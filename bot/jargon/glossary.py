"""The team glossary: words and meanings shared by one workspace, never seen by another."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markup import clean
from ..store import Store

TABLE = "glossary"
TERM_LIMIT = 40
MEANING_LIMIT = 300
ENTRIES_LIMIT = 500
_TERM = re.compile(r"^[\w&'’+. -]+$")


@dataclass(frozen=True)
class Entry:
    term: str
    meaning: str


def normalise(term: str) -> str:
    return " ".join(term.split()).lower()


def valid_term(term: str) -> bool:
    return 0 < len(term) <= TERM_LIMIT and bool(_TERM.match(term))


class Glossary:
    """Glossary entries keyed `<scope>:<lower-case term>`; text is cleaned, never formatted."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def key(scope: str, term: str) -> str:
        return f"{scope}:{normalise(term)}"

    async def entries(self, scope: str) -> list[Entry]:
        docs = await self.store.find(TABLE, scope=scope)
        found = [Entry(d["term"], d["meaning"]) for d in docs]
        return sorted(found, key=lambda e: e.term.lower())

    async def get(self, scope: str, term: str) -> Entry | None:
        doc = await self.store.get(TABLE, self.key(scope, term))
        return Entry(doc["term"], doc["meaning"]) if doc else None

    async def put(self, scope: str, term: str, meaning: str) -> bool:
        """Add or replace an entry; True when it was new."""
        term = " ".join(clean(term, limit=TERM_LIMIT).split())
        meaning = " ".join(clean(meaning, limit=MEANING_LIMIT).split())
        key = self.key(scope, term)
        doc = {"scope": scope, "term": term, "meaning": meaning}
        if await self.store.add(TABLE, key, doc):
            return True
        await self.store.put(TABLE, key, doc)
        return False

    async def remove(self, scope: str, term: str) -> bool:
        return await self.store.delete(TABLE, self.key(scope, term))

    async def count(self, scope: str) -> int:
        return await self.store.count(TABLE, scope=scope)
