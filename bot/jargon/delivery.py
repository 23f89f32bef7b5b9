"""Watching channel messages: a private tip to the author, or a public explanation in the
thread, within the hold-back rules. Message text is only ever held in memory."""

from __future__ import annotations

from ..context import Context
from ..languages.jargon import tips_mode
from ..marks import action, eraser, on
from ..model import ChannelMessage, Reply
from .acronyms import definitions
from .cards import (
    OPTOUT_ACTION,
    WHY_ACTION,
    explain_card,
    unique,
    warning_card,
    why_card,
    worth_a_tip,
)
from .glossary import Glossary, normalise
from .holdback import HoldBack
from .memory import Definitions
from .overlay import lexicon_for
from .scan import scan
from .service import jargon_for
from .tally import count_tip

MODES = ("private", "explain", "off")
SETTINGS = {"jargon.mode": "private", "jargon.max_per_hour": 5}  # declared in `feature.py`


def holdback(ctx: Context) -> HoldBack:
    """This core's HoldBack, so the hourly purge runs once an hour per process."""
    return jargon_for(ctx.core).holdback


def defined(ctx: Context) -> Definitions:
    """This core's memory of defined short forms (see memory.py)."""
    return jargon_for(ctx.core).defined


def explained_here(ctx: Context) -> set[str]:
    """Short forms defined earlier in this conversation (thread, or channel within a day)."""
    message_id = getattr(ctx.event, "message_id", None)
    return defined(ctx).known(ctx.ref, ctx.core.clock.now(), message_id)


@on(ChannelMessage)
async def watch(ctx: Context) -> list[Reply]:
    event = ctx.event
    assert isinstance(event, ChannelMessage)
    if ctx.user is None or ctx.ref.is_direct or not event.text:
        return []
    named = [m.text for m in event.mentions]
    findings = scan(event.text, await lexicon_for(ctx), explained_here(ctx), named)
    defined(ctx).remember(ctx.ref, definitions(event.text), ctx.core.clock.now(), event.message_id)
    if not findings:
        return []
    mode = await tips_mode(ctx)  # off by default in Welsh channels
    if mode not in ("private", "explain"):
        return []
    glossary = {normalise(e.term): e for e in await Glossary(ctx.store).entries(ctx.ref.scope)}
    findings = [f for f in findings if f.kind == "jargon" or normalise(f.term) not in glossary]
    terms = unique(event.text, findings)
    if not worth_a_tip(terms):
        return []
    now = ctx.core.clock.now()
    hold = holdback(ctx)
    await hold.purge(now)
    code = await ctx.user_code("jargon")
    if await hold.opted_out(code):
        return []
    claimed = await hold.claim(ctx.ref.scope, code, [t.finding.term for t in terms], now)
    terms = [t for t in terms if t.finding.term in claimed]
    if not worth_a_tip(terms):  # only gentle suggestions are new: they wait for a warning
        await hold.release(code, claimed)
        return []
    cap = await ctx.number_setting("jargon.max_per_hour")
    if not await hold.take_slot(ctx.ref, cap, now):
        await hold.release(code, claimed)
        return []
    await count_tip(ctx.store, ctx.ref, now)
    if mode == "explain":
        return [ctx.reply(card=explain_card(ctx, terms, glossary), thread=True)]
    return [ctx.reply(card=warning_card(ctx, terms), private=True)]


@action(WHY_ACTION)
async def why(ctx: Context) -> list[Reply]:
    value = getattr(ctx.event, "value", {}) or {}
    terms = [t for t in str(value.get("terms", "")).split("|") if t]
    lexicon = await lexicon_for(ctx)
    mode = str(value.get("mode") or "")
    return [ctx.reply(card=why_card(ctx, terms, lexicon, mode=mode), private=True)]


async def tips_on(ctx: Context) -> list[Reply]:
    """`jargon tips on`: undo "Don't show me this again"."""
    if ctx.user is None:
        return []
    back = await holdback(ctx).opt_in(await ctx.user_code("jargon"))
    said = "jargon.tips.on" if back else "jargon.tips.already_on"
    return [ctx.reply(ctx.say(said), private=True)]


async def tips_off(ctx: Context) -> list[Reply]:
    """`jargon tips off`: the same as the "Don't show me this again" button."""
    if ctx.user is None:
        return []
    await holdback(ctx).opt_out(ctx.ref.scope, await ctx.user_code("jargon"))
    return [ctx.reply(ctx.say("jargon.optout.done"), private=True)]


@action(OPTOUT_ACTION)
async def opt_out(ctx: Context) -> list[Reply]:
    if ctx.user is None:
        return []
    await holdback(ctx).opt_out(ctx.ref.scope, await ctx.user_code("jargon"))
    value = getattr(ctx.event, "value", {}) or {}
    replace = value.get("mode") == "private"
    return [ctx.reply(ctx.say("jargon.optout.done"), private=True, replace_card=replace)]


@eraser
async def forget(ctx: Context) -> int:
    if ctx.user is None:
        return 0
    return await holdback(ctx).erase(await ctx.user_code("jargon"))
