"""What changed in the team glossary: for each word, who (a salted one-way code, never a
platform id), what (added, replaced, removed; the meaning before and after) and when."""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..store import Store
from .glossary import normalise

TABLE = "glossary_history"
PURPOSE = "glossary"  # the purpose of the salted code that says who made a change
KEEP = 20  # changes kept per word (the oldest go first)


@dataclass(frozen=True)
class Change:
    what: str  # "added", "replaced" or "removed"
    old: str
    new: str
    by: str
    at: str


async def record(ctx: Context, term: str, what: str, old: str, new: str) -> None:
    """Keep one change of `term` in this workspace, by the person acting."""
    store = ctx.store
    scope, word = ctx.ref.scope, normalise(term)
    past = sorted(await store.find(TABLE, scope=scope, term=word), key=lambda d: d["n"])
    n = (past[-1]["n"] + 1) if past else 1
    by = await ctx.user_code(PURPOSE) if ctx.user is not None else ""
    at = ctx.core.clock.now().isoformat(timespec="minutes")
    doc = {"scope": scope, "term": word, "n": n, "what": what, "old": old, "new": new}
    await store.put(TABLE, f"{scope}:{word}:{n:06d}", {**doc, "by": by, "at": at})
    for gone in past[: max(0, len(past) + 1 - KEEP)]:
        await store.delete(TABLE, gone["_key"])


async def history(store: Store, scope: str, term: str) -> list[Change]:
    """The kept changes of `term`, oldest first."""
    docs = sorted(await store.find(TABLE, scope=scope, term=normalise(term)), key=lambda d: d["n"])
    return [Change(d["what"], d["old"], d["new"], d["by"], d["at"]) for d in docs]
