"""`check` and `report`, the `check.*` card actions, the scores provider and the eraser."""

from __future__ import annotations

from ..context import Context
from ..model import Reply
from ..registry import action, command, eraser, scores_provider
from . import answers as ans
from . import rounds
from .answers import Answer
from .cards import (
    already_open_card,
    form_card,
    report_card,
    results_card,
    round_card,
    self_results_card,
)
from .report import channel_trends
from .results import round_results, summarise, visible_rounds

SELF = "self"  # the round value of a private self-check: nothing about it is stored


@command("check", group="team", example="/coprod check", order=20)
async def check_command(ctx: Context, args: str) -> list[Reply]:
    sub, _, rest = args.strip().partition(" ")
    sub = sub.lower()
    if ctx.ref.is_direct:
        return await _direct(ctx, sub, rest)
    if sub in ("", "start", "open", "new"):
        return await start(ctx)
    if sub == "answer":
        return await answer_by_text(ctx, rest)
    if sub in ("results", "result"):
        return await show_results(ctx)
    if sub in ("close", "end", "stop"):
        return await close(ctx)
    return [ctx.reply(ctx.say("check.usage"), private=True)]


async def _direct(ctx: Context, sub: str, rest: str) -> list[Reply]:
    """In a direct chat the check is a private self-check: results at once, nothing stored."""
    if sub in ("", "start", "open", "new"):
        return [ctx.reply(card=await form_card(ctx, SELF, personal=True), private=True)]
    if sub == "answer":
        answer = ans.parse_text(rest)
        if answer is None:
            return [ctx.reply(ctx.say("check.answer.how"), private=True)]
        return [ctx.reply(card=await self_results_card(ctx, answer), private=True)]
    return [ctx.reply(ctx.say("check.self.team_hint"), private=True)]


async def start(ctx: Context) -> list[Reply]:
    owner = await ctx.user_code("check-owner")
    rnd, created = await rounds.open_round(
        ctx.store, ctx.ref, owner=owner, now=ctx.core.clock.now()
    )
    if not created:
        count = await ans.count(ctx.store, rnd)
        return [ctx.reply(card=already_open_card(ctx, rnd.key, count), private=True)]
    return [
        ctx.reply(card=round_card(ctx, rnd.key)),
        ctx.reply(ctx.say("check.round.opened_by_you"), private=True),
    ]


async def _round_for(ctx: Context, key: str) -> rounds.Round | None:
    """The round a button or form names, only if it belongs to this workspace."""
    rnd = await rounds.get(ctx.store, key) if key else None
    return rnd if rnd is not None and rnd.scope == ctx.ref.scope else None


@action("check.open")
async def open_form(ctx: Context) -> list[Reply]:
    """The Answer button: the form, privately, for the person who clicked."""
    key = ctx.event.value.get("round", "")  # type: ignore[attr-defined]
    if key == SELF:
        return [ctx.reply(card=await form_card(ctx, SELF, personal=True), private=True)]
    rnd = await _round_for(ctx, key)
    if rnd is None:
        return [ctx.reply(ctx.say("check.form.unknown"), private=True)]
    if not rnd.is_open:
        return [ctx.reply(ctx.say("check.form.closed"), private=True)]
    if await ctx.store.get(ans.CLAIMS, await ans.person_claim(ctx, rnd)) is not None:
        return [ctx.reply(ctx.say("check.answer.already"), private=True)]
    return [ctx.reply(card=await form_card(ctx, rnd.key), private=True)]


@action("check.submit")
async def submit_form(ctx: Context) -> list[Reply]:
    """The form sent back: record it (or, in a self-check, show the person's own results)."""
    value = dict(ctx.event.value)  # type: ignore[attr-defined]
    answer, missing = ans.parse_form(value)
    if answer is None:
        names = ", ".join(str(n) for n in missing)
        return [ctx.reply(ctx.say("check.form.missing", missing=names), private=True)]
    key = value.get("round", "")
    if key == SELF:
        return [
            ctx.reply(card=await self_results_card(ctx, answer), private=True, replace_card=True)
        ]
    rnd = await _round_for(ctx, key)
    if rnd is None:
        return [ctx.reply(ctx.say("check.form.unknown"), private=True, replace_card=True)]
    return await _record(ctx, rnd, answer, replace_card=True)


async def answer_by_text(ctx: Context, text: str) -> list[Reply]:
    """`check answer 2 3 1 4 0 2 3 1 [as partner]` for this channel's open round."""
    answer = ans.parse_text(text)
    if answer is None:
        how = ctx.say("check.answer.how") + "\n" + ctx.say("check.answer.public_warning")
        return [ctx.reply(how, private=True)]
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None or not rnd.is_open:
        return [ctx.reply(ctx.say("check.answer.no_round"), private=True)]
    return await _record(ctx, rnd, answer)


async def _record(
    ctx: Context, rnd: rounds.Round, answer: Answer, *, replace_card: bool = False
) -> list[Reply]:
    if not rnd.is_open:
        return [ctx.reply(ctx.say("check.form.closed"), private=True, replace_card=replace_card)]
    if not await ans.record(ctx, rnd, answer, now=ctx.core.clock.now()):
        return [ctx.reply(ctx.say("check.answer.already"), private=True, replace_card=replace_card)]
    found = await round_results(ctx.store, rnd)
    thanks = ctx.say("check.answer.thanks") + " "
    if found.results is None:
        thanks += ctx.say("check.answer.waiting", count=found.responses, more=found.more_needed)
        return [ctx.reply(thanks, private=True, replace_card=replace_card)]
    thanks += ctx.say("check.answer.status", count=found.responses)
    return [
        ctx.reply(thanks, private=True, replace_card=replace_card),
        ctx.reply(card=await results_card(ctx, found), private=True),
    ]


async def show_results(ctx: Context) -> list[Reply]:
    """The latest round's results, for the whole channel, once 3 or more have answered."""
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None:
        return [ctx.reply(ctx.say("check.results.none"), private=True)]
    found = await round_results(ctx.store, rnd)
    if found.results is None:
        text = ctx.say(
            "check.results.waiting", seq=rnd.seq, count=found.responses, more=found.more_needed
        )
        return [ctx.reply(text, private=True)]
    return [ctx.reply(card=await results_card(ctx, found))]


async def close(ctx: Context) -> list[Reply]:
    """End the open round: the person who opened it, or an admin. Results follow if allowed."""
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None or not rnd.is_open:
        return [ctx.reply(ctx.say("check.close.nothing_open"), private=True)]
    is_owner = bool(rnd.owner) and rnd.owner == await ctx.user_code("check-owner")
    if not is_owner and not await ctx.is_admin():
        return [ctx.reply(ctx.say("check.close.not_allowed"), private=True)]
    if not await rounds.close(ctx.store, rnd, now=ctx.core.clock.now()):
        return [ctx.reply(ctx.say("check.close.nothing_open"), private=True)]
    await ans.drop_claims(ctx.store, rnd)
    closed = await rounds.get(ctx.store, rnd.key)
    assert closed is not None
    found = await round_results(ctx.store, closed)
    if found.results is None:
        await ans.drop_answers(ctx.store, rnd)  # never shown, so not kept
        return [ctx.reply(ctx.say("check.close.too_few", seq=rnd.seq, count=found.responses))]
    return [
        ctx.reply(ctx.say("check.close.done", seq=rnd.seq, count=found.responses)),
        ctx.reply(card=await results_card(ctx, found)),
    ]


@command("report", group="team", example="/coprod report", order=22)
async def report_command(ctx: Context, args: str) -> list[Reply]:
    trends, count = await channel_trends(ctx.store, ctx.ref)
    if not count:
        return [ctx.reply(ctx.say("report.none"), private=True)]
    return [ctx.reply(card=report_card(ctx, trends, count))]


@scores_provider
async def latest_scores(ctx: Context) -> dict[int, float]:
    """Per-principle averages of this channel's latest round with results; empty if none."""
    shown = await visible_rounds(
        ctx.store, await rounds.channel_rounds(ctx.store, ctx.ref.scope, ctx.ref.channel)
    )
    return summarise(shown[-1][1]).scores() if shown else {}


@eraser
async def forget_person(ctx: Context) -> int:
    """Answers cannot be linked to anyone, so they stay. What goes: the person's code as the
    opener of rounds (an admin can still close them) and their claims on open rounds."""
    if ctx.user is None:
        return 0
    owner = await ctx.user_code("check-owner")
    erased = await rounds.forget_owner(ctx.store, ctx.ref.scope, owner)
    open_docs = await ctx.store.find(rounds.ROUNDS, scope=ctx.ref.scope, status=rounds.OPEN)
    open_rounds = [rounds.Round.from_doc(d) for d in open_docs]
    return erased + await ans.forget_claims(ctx, open_rounds)
