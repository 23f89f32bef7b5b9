"""Admins' changes to the jargon lists, per workspace or channel, and a compiled matcher per scope.

Stored in table `jargon_admin`, one document per word and level (`*` for the whole workspace, or
a channel id): an added word with its plain alternatives, a shipped word removed, or an acronym
allowed. The effective lists of a channel are the pack's lists with the workspace's changes and
then the channel's own on top (for a word, the channel's change wins). Lexicons are compiled
once per (workspace, channel) and kept in memory until an admin changes that workspace; a
workspace with no changes uses the pack's own lexicon, so the usual path costs one dict lookup."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..model import ConversationRef
from ..prompts.wordlists import Conditional, Existence, JargonLists, Term
from ..store import Store
from .lexicon import Lexicon, compiled
from .service import jargon_for

if TYPE_CHECKING:
    from ..context import Context

TABLE = "jargon_admin"
WORKSPACE = "*"
MAX_ENTRIES = 500  # admin changes per workspace
MAX_LEXICONS = 256  # compiled overlays kept in memory per process

Change = Literal["term", "allow"]


@dataclass(frozen=True)
class AdminWord:
    """One admin change: `kind` "term" (added, or `removed` for a suppressed list word) or
    "allow" (an acronym on the allowlist); `level` is `*` or the channel id."""

    scope: str
    level: str
    kind: Change
    word: str
    plain: tuple[str, ...] = ()
    removed: bool = False
    # Context for a conditional word: ({"before": [...]} or {"after": [...]}, ...).
    only_when: tuple[dict[str, Any], ...] = ()

    @property
    def everywhere(self) -> bool:
        return self.level == WORKSPACE

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> AdminWord:
        return cls(
            doc["scope"],
            doc["level"],
            doc["kind"],
            doc["word"],
            tuple(doc.get("plain", ())),
            bool(doc.get("removed", False)),
            tuple(doc.get("only_when", ())),
        )


def level_of(ref: ConversationRef, *, channel: bool) -> str:
    return ref.channel if channel else WORKSPACE


def key(scope: str, level: str, kind: Change, word: str) -> str:
    return f"{scope}:{level}:{kind}:{word}"


class JargonOverlay:
    """The admin changes of every workspace, read once per workspace and cached with their
    compiled lexicons. Every change goes through here, so the caches are dropped exactly when
    the workspace changes (one process serves a store; see docs/jargon.md)."""

    def __init__(self, store: Store, base: JargonLists, why: str) -> None:
        self.store = store
        self.base = base
        self.why = why
        self._words: dict[str, list[AdminWord]] = {}
        self._lexicons: OrderedDict[tuple[str, str], Lexicon] = OrderedDict()

    # ---- reading -------------------------------------------------------------------------

    async def words(self, scope: str) -> list[AdminWord]:
        found = self._words.get(scope)
        if found is None:
            docs = await self.store.find(TABLE, scope=scope)
            found = self._words[scope] = [AdminWord.from_doc(d) for d in docs]
        return found

    async def at(self, ref: ConversationRef, *, channel: bool) -> list[AdminWord]:
        """The changes made at one level: this channel's, or the whole workspace's."""
        level = level_of(ref, channel=channel)
        return [w for w in await self.words(ref.scope) if w.level == level]

    async def effective(self, ref: ConversationRef) -> list[AdminWord]:
        """The changes in force in `ref`'s channel: the channel's change of a word wins."""
        chosen: dict[tuple[str, str], AdminWord] = {}
        for w in sorted(await self.words(ref.scope), key=lambda w: w.level != WORKSPACE):
            if w.level in (WORKSPACE, ref.channel):
                chosen[(w.kind, w.word)] = w
        return sorted(chosen.values(), key=lambda w: (w.kind, w.word))

    async def lexicon(self, ref: ConversationRef) -> Lexicon:
        """The matcher for `ref`'s channel: the pack's own when the workspace has no changes."""
        base = compiled(self.base)
        words = self._words.get(ref.scope)
        if words is None:
            words = await self.words(ref.scope)
        if not words:
            return base
        cache_key = (ref.scope, ref.channel)
        found = self._lexicons.get(cache_key)
        if found is not None:
            self._lexicons.move_to_end(cache_key)
            return found
        changes = await self.effective(ref)
        found = self._build(base, changes) if changes else base  # changes elsewhere only
        self._lexicons[cache_key] = found
        if len(self._lexicons) > MAX_LEXICONS:
            self._lexicons.popitem(last=False)
        return found

    def _build(self, base: Lexicon, changes: list[AdminWord]) -> Lexicon:
        allowed = frozenset(w.word for w in changes if w.kind == "allow")
        terms = {w.word: w for w in changes if w.kind == "term"}
        if not terms:
            return dataclasses.replace(base, allow=base.allow | allowed)  # same automaton
        shipped = {r.term: r for r in self.base.rules()}
        added: list[Term] = []
        for w in terms.values():
            if not w.removed:
                added.append(self.term(w.word, w.plain, shipped.get(w.word), w.only_when))
        changed = {*terms, *(a.term for a in added)}
        lists = self.base.model_copy(
            update={
                "terms": [t for t in self.base.terms if t.term not in changed]
                + [a for a in added if not isinstance(a, Conditional)],
                "conditional": [t for t in self.base.conditional if t.term not in changed]
                + [a for a in added if isinstance(a, Conditional)],
                "existence": [t for t in self.base.existence if t.term not in changed],
                "allow": self.base.allow | allowed,
            }
        )
        return Lexicon.build(lists)

    def term(
        self,
        word: str,
        alternatives: tuple[str, ...],
        shipped: Term | Conditional | Existence | None,
        only_when: tuple[dict[str, Any], ...] = (),
    ) -> Term:
        """An admin's word as a list rule. A shipped word keeps its forms, literal senses and
        context and gets the new words; `only_when` (the admin's own context, if any) makes it
        a conditional rule."""
        base: dict[str, Any] = {"term": word, "why": self.why, "inflect": True}
        if shipped is not None:
            base = shipped.model_dump(exclude={"plain", "advice"})
        base["plain"] = list(alternatives)
        if only_when:
            base["only_when"] = [dict(p) for p in only_when]
        if base.get("only_when"):
            return Conditional.model_validate(base)
        return Term.model_validate(base)

    def listed(self, word: str) -> Term | Conditional | Existence | None:
        """The pack's own rule for `word`, if it has one."""
        return self.base.term(word)

    # ---- changing ------------------------------------------------------------------------

    async def put(self, ref: ConversationRef, change: AdminWord, at: str) -> None:
        doc = {
            "scope": change.scope,
            "level": change.level,
            "kind": change.kind,
            "word": change.word,
            "plain": list(change.plain),
            "removed": change.removed,
            "at": at,
        }
        if change.only_when:
            doc["only_when"] = [dict(p) for p in change.only_when]
        await self.store.put(TABLE, key(ref.scope, change.level, change.kind, change.word), doc)
        self.forget(ref.scope)

    async def delete(self, ref: ConversationRef, change: AdminWord) -> None:
        await self.store.delete(TABLE, key(ref.scope, change.level, change.kind, change.word))
        self.forget(ref.scope)

    def forget(self, scope: str) -> None:
        """Drop what is cached for `scope` (after a change there); other scopes keep theirs."""
        self._words.pop(scope, None)
        for cache_key in [k for k in self._lexicons if k[0] == scope]:
            del self._lexicons[cache_key]


def overlay(ctx: Context) -> JargonOverlay:
    """One overlay per core (its store and pack), kept in the jargon feature's state."""
    state = jargon_for(ctx.core)
    found = state.overlay
    if not isinstance(found, JargonOverlay) or found.base is not ctx.pack.jargon:
        found = state.overlay = JargonOverlay(
            ctx.store, ctx.pack.jargon, ctx.say("admin.jargon.why")
        )
    return found


async def lexicon_for(ctx: Context) -> Lexicon:
    """The jargon matcher for the channel of `ctx`, with its admins' changes."""
    return await overlay(ctx).lexicon(ctx.ref)
