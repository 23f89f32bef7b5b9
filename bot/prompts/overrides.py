"""Admins' prompt changes by scope, and the effective prompts: channel, workspace, pack, default.

An override document lives at (scope, channel or "*" for the whole workspace, prompt id). It may
set the wording (`text`), turn the prompt off or on (`disabled`), or, with `added`, be a prompt
an admin wrote. Each field resolves on its own: the channel's value if set, else the
workspace's, else the prompt pack's (COPROD_PROMPTS_DIR), else the shipped default.

Admin wording is stored cleaned and returned escaped with `plain()`, so it is safe wherever it
joins the core's markdown. Shipped and pack wording is trusted and returned as written.

Wording is per locale: everything resolves in the locale being written in (`locale.speaking`).
A document's `text` is its English wording and `texts` its wording in other locales; on/off
applies in every locale. An admin-added prompt has one wording for every locale unless it has
one in `texts` for that locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..markup import plain
from ..model import ConversationRef
from ..store import Store
from .locale import EN, current_locale
from .models import KINDS, Kind, Prompt
from .pack import PromptPack

TABLE = "prompt_overrides"
IDS_TABLE = "prompt_ids"
WORKSPACE = "*"
SHORT: dict[str, str] = {
    "reflection": "reflection",
    "reminder": "reminder",
    "check_statement": "check",
    "next_step": "next",
}
SCOPES = ("channel", "workspace")


@dataclass(frozen=True)
class Entry:
    """One prompt as seen from a place: its wording, whether it is on, and where each comes from
    ("channel", "workspace", "pack" or "default")."""

    id: str
    principle: int
    kind: Kind
    text: str
    text_source: str
    enabled: bool
    state_source: str
    added_at: str | None = None
    in_use: bool = True

    @property
    def trusted(self) -> bool:
        """Shipped or operator wording (markdown allowed); admin wording is untrusted."""
        return self.text_source in ("pack", "default")

    @property
    def safe_text(self) -> str:
        """The wording, ready to join the core's markdown."""
        return self.text if self.trusted else plain(self.text)

    def prompt(self) -> Prompt:
        return Prompt(id=self.id, text=self.safe_text)


class PromptOverrides:
    """Reads and writes admins' prompt changes; computes the effective prompts for a place."""

    def __init__(self, store: Store, pack: PromptPack) -> None:
        self.store = store
        self.pack = pack

    @staticmethod
    def key(ref: ConversationRef, prompt_id: str, *, channel: bool) -> str:
        return f"{ref.scope}:{ref.channel if channel else WORKSPACE}:{prompt_id}"

    async def _layers(self, ref: ConversationRef, channel: bool) -> dict[str, dict[str, Any]]:
        """Override documents by level ("workspace", and "channel" when `channel`), by id."""
        layers: dict[str, dict[str, Any]] = {
            "workspace": {
                d["id"]: d for d in await self.store.find(TABLE, scope=ref.scope, channel=WORKSPACE)
            },
            "channel": {},
        }
        if channel:
            layers["channel"] = {
                d["id"]: d
                for d in await self.store.find(TABLE, scope=ref.scope, channel=ref.channel)
            }
        return layers

    async def entries(
        self,
        ref: ConversationRef,
        *,
        channel: bool = True,
        kind: Kind | None = None,
        number: int | None = None,
    ) -> list[Entry]:
        """Every prompt visible here (disabled ones too), in order: principle, kind, base prompts
        then admin-added ones. With `channel=False`, the workspace view (no channel changes)."""
        layers = await self._layers(ref, channel)
        numbers = [number] if number is not None else sorted(self.pack.principles)
        kinds = [kind] if kind is not None else list(KINDS)
        out: list[Entry] = []
        for n in numbers:
            for k in kinds:
                out.extend(self._entries_for(layers, n, k))
        return out

    def _entries_for(
        self, layers: dict[str, dict[str, Any]], number: int, kind: Kind
    ) -> list[Entry]:
        pack = self.pack.here()
        base: list[tuple[str, str, str, str | None]] = [
            (q.id, q.text, pack.prompt_source(q.id), None)
            for q in pack.principles[number].prompts(kind)
        ]
        added: list[tuple[int, str, str, str, str]] = []
        for level in ("workspace", "channel"):
            for doc in layers[level].values():
                if doc.get("added") and doc.get("principle") == number and doc.get("kind") == kind:
                    added.append((doc.get("seq", 0), doc["id"], doc["text"], level, level))
        added.sort()
        rows = base + [(i, t, src, at) for _seq, i, t, src, at in added]
        entries = [self._resolve(layers, number, kind, *row) for row in rows]
        if kind == "check_statement":
            # One statement per principle: the newest added one nearest this place wins.
            order = sorted(
                (e for e in entries if e.enabled),
                key=lambda e: (
                    {"channel": 0, "workspace": 1, None: 2}[e.added_at],
                    -[r[0] for r in rows].index(e.id),
                ),
            )
            chosen = order[0].id if order else None
            entries = [_with(e, in_use=e.id == chosen) for e in entries]
        return entries

    @staticmethod
    def _resolve(
        layers: dict[str, dict[str, Any]],
        number: int,
        kind: Kind,
        prompt_id: str,
        text: str,
        source: str,
        added_at: str | None,
    ) -> Entry:
        text_source, state_source, enabled = source, source, True
        locale = current_locale()
        for level in ("workspace", "channel"):
            doc = layers[level].get(prompt_id)
            if doc is None:
                continue
            own = not (doc.get("added") and level != added_at)
            if doc.get("text") is not None and own and (locale == EN or doc.get("added")):
                text, text_source = doc["text"], level
            local = (doc.get("texts") or {}).get(locale)
            if locale != EN and local is not None and own:
                text, text_source = local, level
            if doc.get("disabled") is not None:
                enabled, state_source = not doc["disabled"], level
        return Entry(
            id=prompt_id,
            principle=number,
            kind=kind,
            text=text,
            text_source=text_source,
            enabled=enabled,
            state_source=state_source,
            added_at=added_at,
            in_use=enabled,
        )

    async def effective(
        self, ref: ConversationRef, kind: Kind, number: int | None = None
    ) -> list[Prompt]:
        """The prompts of `kind` in use here. A principle never runs out: if changes at several
        levels turned every prompt of a kind off, the pack's own prompts are used."""
        numbers = [number] if number is not None else sorted(self.pack.principles)
        entries = await self.entries(ref, kind=kind, number=number)
        out: list[Prompt] = []
        for n in numbers:
            mine = [e.prompt() for e in entries if e.principle == n and e.in_use]
            out.extend(mine or self.pack.here().principles[n].prompts(kind))
        return out

    async def find(self, ref: ConversationRef, prompt_id: str, *, channel: bool) -> Entry | None:
        """The prompt `prompt_id` as seen from this place (channel or workspace view)."""
        for entry in await self.entries(ref, channel=channel):
            if entry.id == prompt_id:
                return entry
        return None

    async def add(
        self,
        ref: ConversationRef,
        *,
        channel: bool,
        number: int,
        kind: Kind,
        text: str,
        by: str,
        at: str,
    ) -> str:
        """Store an admin's new prompt (already cleaned and checked); return its new id."""
        seq = await self._next_number(ref)
        prompt_id = f"p{number}.{SHORT[kind]}.a{seq}"
        await self.store.put(
            TABLE,
            self.key(ref, prompt_id, channel=channel),
            {
                "scope": ref.scope,
                "channel": ref.channel if channel else WORKSPACE,
                "id": prompt_id,
                "principle": number,
                "kind": kind,
                "added": True,
                "seq": seq,
                "text": text,
                "disabled": None,
                "by": by,
                "at": at,
            },
        )
        return prompt_id

    async def change(
        self,
        ref: ConversationRef,
        entry: Entry,
        *,
        channel: bool,
        by: str,
        at: str,
        text: str | None = None,
        disabled: bool | None = None,
    ) -> None:
        """Set the wording (in the locale being written in) and/or the on/off state of `entry`
        at this channel or workspace."""
        key = self.key(ref, entry.id, channel=channel)
        doc = await self.store.get(TABLE, key) or {
            "scope": ref.scope,
            "channel": ref.channel if channel else WORKSPACE,
            "id": entry.id,
            "principle": entry.principle,
            "kind": entry.kind,
            "added": False,
            "text": None,
            "disabled": None,
        }
        doc.pop("_key", None)
        locale = current_locale()
        if text is not None and locale == EN:
            doc["text"] = text
        elif text is not None:
            doc["texts"] = {**(doc.get("texts") or {}), locale: text}
        if disabled is not None:
            doc["disabled"] = disabled
        doc.update(by=by, at=at)
        await self.store.put(TABLE, key, doc)

    async def _next_number(self, ref: ConversationRef) -> int:
        """A number for a new prompt id, unique in this workspace even with concurrent admins."""
        while True:
            if await self.store.add(IDS_TABLE, ref.scope, {"scope": ref.scope, "last": 1}):
                return 1
            doc = await self.store.get(IDS_TABLE, ref.scope)
            assert doc is not None
            last = int(doc["last"])
            if await self.store.update(
                IDS_TABLE, ref.scope, {"last": last + 1}, expect={"last": last}
            ):
                return last + 1


def _with(entry: Entry, **changes: Any) -> Entry:
    from dataclasses import replace

    return replace(entry, **changes)
