"""`reflect [1-8]` and the reflection's vote buttons, counted anonymously, with their eraser."""

from __future__ import annotations

import re

from ..context import Context
from ..marks import action, command, eraser
from ..model import Reply
from ..scheduling.slots import iso
from ..store import Store
from . import tallies
from .cards import VOTES
from .triggers import reflect_now

VOTES_TABLE = "nudge_votes"
VOTERS_TABLE = "nudge_voters"


@command("reflect", group="meetings", example="help.example.reflect")
async def reflect_command(ctx: Context, args: str) -> list[Reply]:
    words = args.strip().lstrip("#").lower().removeprefix("p")
    principle = None
    if words:
        if words not in {str(n) for n in range(1, 9)}:
            return [ctx.reply(ctx.say("nudge.reflect.which"), private=True)]
        principle = int(words)
    outcome = await reflect_now(ctx, trigger="asked", principle=principle)
    if outcome.posted:
        return []
    if outcome.reply is None:  # every name for this instant taken (never in practice)
        return [ctx.reply(ctx.say("nudge.ended.duplicate"), private=True)]
    return [outcome.reply]


@action("nudges.vote")
async def vote_button(ctx: Context) -> list[Reply]:
    """Count a Yes / Partly / No / Rather not say anonymously: counts only, per channel and
    question. A salted code of the person, per nudge and question, stops a second vote; it
    records nothing of the answer."""
    value = getattr(ctx.event, "value", {})
    answer, question, nudge = value.get("v"), value.get("q", ""), value.get("nudge", "")
    if answer not in VOTES or not question or not nudge or not _prompt_id(question):
        return [ctx.reply(ctx.say("error.unknown_action"), private=True)]
    state = await tallies.vote_state(ctx.store, ctx.ref, nudge, question)
    if state != tallies.OPEN:
        message = "nudge.vote.closed" if state == tallies.CLOSED else "error.unknown_action"
        return [ctx.reply(ctx.say(message), private=True)]
    code = await ctx.user_code("nudge-vote")
    voter = {"scope": ctx.ref.scope, "code": code, "at": iso(ctx.core.clock.now())}
    voter_key = f"{ctx.ref.scope}|{nudge}|{question}|{code}"
    if not await ctx.store.add(VOTERS_TABLE, voter_key, voter):
        return [ctx.reply(ctx.say("nudge.vote.again"), private=True)]
    key = f"{ctx.ref.channel_key}|{question}"
    await _count(ctx.store, key, ctx.ref.scope, ctx.ref.channel_key, question, answer)
    await tallies.count(ctx.store, ctx.ref, nudge, question, answer)
    return [ctx.reply(ctx.say("nudge.vote.thanks"), private=True)]


def _prompt_id(text: str) -> bool:
    """Shaped like a prompt id (shipped `p4.reflection.2`, admin-added `p4.reflection.a7`, or
    a pack's own)."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_.-]{1,80}", text))


async def _count(
    store: Store, key: str, scope: str, channel_key: str, question: str, answer: str
) -> None:
    await store.add(
        VOTES_TABLE,
        key,
        {
            "scope": scope,
            "channel_key": channel_key,
            "question": question,
            **dict.fromkeys(VOTES, 0),
        },
    )
    while True:
        doc = await store.get(VOTES_TABLE, key)
        assert doc is not None
        seen = doc.get(answer)  # counts from before "Rather not say" have no "skip"
        if await store.update(VOTES_TABLE, key, {answer: (seen or 0) + 1}, expect={answer: seen}):
            return


@eraser
async def erase_voter_codes(ctx: Context) -> int:
    """`forget me`: drop the codes that stopped this person voting twice (counts stay)."""
    if ctx.user is None:
        return 0
    code = await ctx.user_code("nudge-vote")
    return await ctx.store.delete_where(VOTERS_TABLE, code=code)
