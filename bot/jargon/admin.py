"""`admin jargon …`: add, remove or allow words for this channel or workspace, and set the mode."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ..admin import AdminRequest, Invalid, SettingField, admin_command, said, setting_field
from ..markup import clean, plain
from ..model import Reply
from .delivery import MODES
from .overlay import MAX_ENTRIES, WORKSPACE, AdminWord, level_of, overlay

MODE = "jargon.mode"
MAX_ALTERNATIVES = 6
MAX_ALTERNATIVE = 60
_ARROW = re.compile(r"\s*(?:=>|->|→|=)\s*")
_ACRONYM = re.compile(r"^[A-Za-z0-9]{2,10}$")
_WORD = re.compile(r"^[a-z0-9][a-z0-9 '’&-]*[a-z0-9]$")
_ONLY = re.compile(r"\s+only\s+(?=(?:before|after)\s)", re.IGNORECASE)
_SIDE = re.compile(r"^(before|after)\s+(.+)$", re.IGNORECASE | re.DOTALL)
_OR = re.compile(r"\s+or\s+(?=(?:before|after)\s)", re.IGNORECASE)
MAX_CONTEXT_WORDS = 40
CONTEXT_GAP = 2  # words that may stand between an admin's word and the words after it
FORMS = {"add": 0, "remove": 1, "allow": 2, "mode": 3}


def mode(text: str) -> str:
    """`private`, `explain` or `off` (any case)."""
    typed = text.strip().lower()
    if typed not in MODES:
        raise Invalid("admin.jargon.invalid.mode", typed=text.strip()[:40])
    return typed


FIELD = setting_field(
    SettingField(
        setting=MODE,
        label="admin.jargon.settings.label",
        hint="admin.jargon.settings.hint",
        parse=mode,
        example="private",
        choices=tuple((m, f"admin.jargon.mode.{m}") for m in MODES),
        order=30,
    )
)


def word(text: str) -> str:
    """A word or phrase for the list: 2–60 letters, digits, spaces, hyphens or apostrophes."""
    tidy = " ".join(clean(text, limit=200).split()).lower()
    if not 2 <= len(tidy) <= 60 or not _WORD.match(tidy):
        raise Invalid("admin.jargon.invalid.word", typed=text.strip()[:60])
    return tidy


def context(text: str) -> tuple[dict[str, Any], ...]:
    """`before change, improvement or after in this` → the patterns of a conditional rule:
    the word is jargon only before "change" or "improvement", or after "in this"."""
    patterns: list[dict[str, Any]] = []
    for part in _OR.split(text.strip()):
        found = _SIDE.match(part.strip())
        if found is None:
            raise Invalid("admin.jargon.invalid.context")
        words = [" ".join(clean(w, limit=200).split()).lower() for w in found.group(2).split(",")]
        words = [w for w in words if w]
        if not words or len(words) > MAX_CONTEXT_WORDS or not all(_WORD.match(w) for w in words):
            raise Invalid("admin.jargon.invalid.context")
        if found.group(1).lower() == "before":  # "drive only before change": change follows
            patterns.append({"after": words, "gap": CONTEXT_GAP})
        else:
            patterns.append({"before": words})
    return tuple(patterns)


def described(patterns: tuple[dict[str, Any], ...]) -> str:
    """The patterns in words again: "before change, improvement or after in this"."""
    parts = []
    for p in patterns:
        side = "before" if "after" in p else "after"
        words = p.get("after") or p.get("before") or []
        parts.append(f"{side} {', '.join(words)}")
    return " or ".join(parts)


def acronym(text: str) -> str:
    typed = text.strip()
    if not _ACRONYM.match(typed):
        raise Invalid("admin.jargon.invalid.acronym", typed=typed[:40])
    return typed.upper()


def alternatives(text: str) -> tuple[str, ...]:
    """`talk; meet up` → ("talk", "meet up"): 1 to 6, each up to 60 characters."""
    found = tuple(" ".join(clean(a, limit=200).split()) for a in text.split(";"))
    found = tuple(a for a in found if a)
    if not found:
        raise Invalid("admin.jargon.invalid.alternatives")
    if len(found) > MAX_ALTERNATIVES or any(len(a) > MAX_ALTERNATIVE for a in found):
        raise Invalid(
            "admin.jargon.invalid.alternatives_size",
            most=MAX_ALTERNATIVES,
            longest=MAX_ALTERNATIVE,
        )
    return found


@admin_command(
    "jargon",
    usage=(
        "admin.usage.jargon.1",
        "admin.usage.jargon.2",
        "admin.usage.jargon.3",
        "admin.usage.jargon.4",
        "admin.usage.jargon.5",
    ),
    example=(
        "admin.example.jargon.1",
        "admin.example.jargon.2",
        "admin.example.jargon.3",
        "admin.example.jargon.4",
        "admin.example.jargon.5",
        "admin.example.jargon.6",
    ),
    order=50,
)
async def jargon_admin(req: AdminRequest) -> list[Reply]:
    action, _, rest = req.args.partition(" ")
    action = action.lower()
    rest = rest.strip()
    try:
        if action == "add":
            return await _add(req, rest)
        if action == "remove":
            return await _remove(req, rest)
        if action == "allow":
            return await _allow(req, rest)
        if action == "mode":
            return await _mode(req, rest)
        if action:
            raise Invalid("admin.jargon.invalid.action", typed=action[:40])
        return await _list(req)
    except Invalid as exc:
        if action in FORMS:
            exc.of_form(FORMS[action])
        raise


async def _mine(req: AdminRequest, kind: str, text: str) -> AdminWord | None:
    level = level_of(req.ctx.ref, channel=req.channel)
    for w in await overlay(req.ctx).words(req.ctx.ref.scope):
        if w.level == level and w.kind == kind and w.word == text:
            return w
    return None


async def _room(req: AdminRequest) -> None:
    if len(await overlay(req.ctx).words(req.ctx.ref.scope)) >= MAX_ENTRIES:
        raise Invalid("admin.jargon.invalid.too_many", limit=MAX_ENTRIES)


async def _add(req: AdminRequest, rest: str) -> list[Reply]:
    found = _ARROW.split(rest, maxsplit=1)
    if not rest or len(found) != 2:
        raise Invalid("admin.jargon.invalid.add")
    typed, when = found[1], ""
    parts = _ONLY.split(found[1], maxsplit=1)
    if len(parts) == 2:
        typed, when = parts
    term, alts = word(found[0]), alternatives(typed)
    only_when = context(when) if when else ()
    old = await _mine(req, "term", term)
    if old is not None and not old.removed and (old.plain, old.only_when) == (alts, only_when):
        return req.done("admin.jargon.unchanged", word=term)
    if old is None:
        await _room(req)
    ref = req.ctx.ref
    level = level_of(ref, channel=req.channel)
    change = AdminWord(ref.scope, level, "term", term, alts, only_when=only_when)
    try:
        overlay(req.ctx).term(term, alts, None, change.only_when)  # the list's own rules
    except ValidationError:
        raise Invalid("admin.jargon.invalid.word", typed=term) from None
    await overlay(req.ctx).put(ref, change, req.now())
    await req.record(said("admin.audit.what.jargon_word", word=term), _shown(old), _shown(change))
    if only_when:
        return req.done(
            "admin.jargon.added_when",
            word=term,
            alternatives="; ".join(alts),
            context=described(only_when),
        )
    return req.done("admin.jargon.added", word=term, alternatives="; ".join(alts))


async def _remove(req: AdminRequest, rest: str) -> list[Reply]:
    if not rest:
        raise Invalid("admin.jargon.invalid.remove")
    ctx = req.ctx
    ref = ctx.ref
    over = overlay(ctx)
    if _ACRONYM.match(rest) and (allowed := await _mine(req, "allow", rest.upper())):
        await over.delete(ref, allowed)
        await req.record(said("admin.audit.what.allowlist"), allowed.word, None)
        return req.done("admin.jargon.unallowed", word=allowed.word)
    term = word(rest)
    old = await _mine(req, "term", term)
    if old is not None and old.removed:
        return req.done("admin.jargon.already_removed", word=term)
    inherited = over.listed(term) is not None or (
        req.channel
        and any(
            w.level == WORKSPACE and w.kind == "term" and w.word == term and not w.removed
            for w in await over.words(ref.scope)
        )
    )
    if old is None and not inherited:
        raise Invalid("admin.jargon.invalid.not_listed", typed=term)
    if inherited:  # a shipped (or workspace) word: switched off here
        if old is None:
            await _room(req)
        change = AdminWord(ref.scope, level_of(ref, channel=req.channel), "term", term, (), True)
        await over.put(ref, change, req.now())
    else:
        assert old is not None
        await over.delete(ref, old)
    listed = _shown(old) or said("admin.audit.value.listed")
    await req.record(said("admin.audit.what.jargon_word", word=term), listed, None)
    return req.done("admin.jargon.removed", word=term)


async def _allow(req: AdminRequest, rest: str) -> list[Reply]:
    short = acronym(rest)
    if await _mine(req, "allow", short) is not None:
        return req.done("admin.jargon.already_allowed", word=short)
    await _room(req)
    ref = req.ctx.ref
    change = AdminWord(ref.scope, level_of(ref, channel=req.channel), "allow", short)
    await overlay(req.ctx).put(ref, change, req.now())
    await req.record(said("admin.audit.what.allowlist"), None, short)
    return req.done("admin.jargon.allowed", word=short)


async def _mode(req: AdminRequest, rest: str) -> list[Reply]:
    value = mode(rest)
    old = await req.set_setting(MODE, value)
    if old == value:
        return req.done("admin.jargon.mode_unchanged", mode=value)
    return req.done(f"admin.jargon.mode_set.{value}")


def _shown(w: AdminWord | None) -> str | None:
    if w is None:
        return None
    if w.removed:
        return "removed"
    if w.only_when:
        return "; ".join(w.plain) + " (only " + described(w.only_when) + ")"
    return "; ".join(w.plain)


async def _list(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    found = await ctx.settings.resolve(ctx.ref, MODE)
    lines = [
        ctx.say(
            "admin.jargon.list.mode",
            mode=plain(str(found.value)),
            source=ctx.say(f"admin.source.{found.source}"),
        )
    ]
    for w in await overlay(ctx).effective(ctx.ref):
        where = ctx.say("admin.source.workspace" if w.everywhere else "admin.source.channel")
        if w.kind == "allow":
            lines.append(ctx.say("admin.jargon.list.allowed", word=plain(w.word), source=where))
        elif w.removed:
            lines.append(ctx.say("admin.jargon.list.removed", word=plain(w.word), source=where))
        elif w.only_when:
            lines.append(
                ctx.say(
                    "admin.jargon.list.added_when",
                    word=plain(w.word),
                    alternatives=plain("; ".join(w.plain)),
                    context=plain(described(w.only_when)),
                    source=where,
                )
            )
        else:
            lines.append(
                ctx.say(
                    "admin.jargon.list.added",
                    word=plain(w.word),
                    alternatives=plain("; ".join(w.plain)),
                    source=where,
                )
            )
    if len(lines) == 1:
        lines.append(ctx.say("admin.jargon.list.none"))
    return req.reply("\n".join([ctx.say("admin.jargon.list.intro"), *lines]))
