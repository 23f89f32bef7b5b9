"""The results card of a closed round, and the public post that closes a round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hooks import RESULTS_DONE, RESULTS_STEP, ROUND_CLOSED
from ..markup import unescape
from ..model import Card, Divider, Reply, Text
from ..model import Context as Small
from .cards import next_step, number, principle_title, spread_bar
from .charts import groups_chart, results_chart
from .results import PrincipleResult, Results, RoundResults
from .rounds import BY_TIME, Round, span_of

if TYPE_CHECKING:
    from ..context import Context

RESULTS_CARD = "check.results"


def _change(ctx: Context, p: PrincipleResult) -> str:
    if p.change is None:
        return ""
    return ctx.say(f"check.results.change_{p.change}", previous=number(p.previous))


def _principle_text(ctx: Context, p: PrincipleResult, groups: bool, done: int = 0) -> str:
    title = principle_title(ctx, p.number)
    if p.average is None:
        lines = [ctx.say("check.results.no_scores", number=p.number, title=title)]
    else:
        lines = [
            ctx.say(
                "check.results.principle",
                number=p.number,
                title=title,
                average=number(p.average),
                change=_change(ctx, p),
            ).rstrip()
        ]
    counts = p.tally.counts
    spread = ctx.say(
        "check.results.spread",
        bar=spread_bar(counts, p.tally.scored + p.tally.dont_know),
        n1=counts[0],
        n2=counts[1],
        n3=counts[2],
        n4=counts[3],
    )
    if p.tally.dont_know:
        spread += ctx.say("check.results.dont_know", n0=p.tally.dont_know)
    lines.append(spread)
    if groups:
        lines.append(
            ctx.say("check.results.groups", partners=number(p.partners), staff=number(p.staff))
        )
    if done:
        lines.append(ctx.say("actions.results.done", count=done))
    return "\n".join(lines)


async def results_card(ctx: Context, rnd: Round, results: Results, *, notice: str = "") -> Card:
    """The published results of a closed round; `notice` (how it closed) goes first."""
    blocks: list = [Text(notice)] if notice else []
    blocks += [
        Text(ctx.say("check.results.round", seq=rnd.seq, count=results.responses)),
        Divider(),
    ]
    done: dict[int, int] = {}
    hooked = ctx.core.registry.hooked(RESULTS_DONE)  # actions done since the last round
    if hooked:
        span = await span_of(ctx.store, rnd)
        for done_since in hooked:
            done.update(await done_since(ctx.store, span))
    blocks.extend(
        Text(_principle_text(ctx, p, results.groups_shown, done.get(p.number, 0)))
        for p in results.principles
    )
    blocks.append(Divider())
    widest = results.widest_gap
    if widest is not None:
        blocks.append(
            Text(
                ctx.say(
                    "check.results.gap_widest",
                    number=widest.number,
                    title=principle_title(ctx, widest.number),
                    partners=number(widest.partners),
                    staff=number(widest.staff),
                )
            )
        )
    elif results.roles_given:
        blocks.append(Small(ctx.say("check.results.gap_hidden", minimum=results.minimum)))
    focus = results.focus()
    if focus is not None:
        p, why = focus
        step = await next_step(ctx, p.number, rnd.seq)
        blocks.append(
            Text(
                ctx.say(
                    f"check.results.next_{why}",
                    number=p.number,
                    title=principle_title(ctx, p.number),
                    step=step,
                )
            )
        )
        if step and not ctx.ref.is_direct:
            for under_step in ctx.core.registry.hooked(RESULTS_STEP):  # "Make this an action"
                blocks.append(under_step(ctx.pack, unescape(step), p.number))
    blocks.append(Small(ctx.say("check.results.legend")))
    found = RoundResults(rnd, results.responses, results)
    return Card(
        id=RESULTS_CARD,
        title=ctx.say("check.results.title"),
        fallback_text=_fallback(ctx, results, notice),
        blocks=tuple(blocks),
        # With the partners–staff comparison shown, the picture is the two groups side by side.
        chart=groups_chart(ctx.pack, found) or results_chart(ctx.pack, found),
    )


def _fallback(ctx: Context, results: Results, notice: str) -> str:
    lines = [notice] if notice else []
    lines.append(ctx.say("check.results.title") + f" ({results.responses})")
    for p in results.principles:
        lines.append(f"{p.number}. {principle_title(ctx, p.number)}: {number(p.average)}")
    return "\n".join(lines)


async def closed_post(ctx: Context, rnd: Round, results: Results | None) -> Reply:
    """The public post when a round closes: its results, or why there are none. The same
    words whether its opener or an admin closed it or it closed on its own. In the channel's
    language(s)."""
    hooked = ctx.core.registry.hooked(ROUND_CLOSED)  # the actions summary is planned
    if rnd.closed and hooked:
        span = await span_of(ctx.store, rnd)
        for closed in hooked:
            await closed(ctx, span)

    async def post() -> list[Reply]:
        return [await _closed_post(ctx, rnd, results)]

    return (await ctx.channel_post(post))[0]


async def _closed_post(ctx: Context, rnd: Round, results: Results | None) -> Reply:
    how = "on_time" if rnd.closed_by == BY_TIME else "by_hand"
    count = rnd.answered or 0
    if results is not None:
        notice = ctx.say(f"check.close.done_{how}", seq=rnd.seq, count=count)
        return ctx.reply(card=await results_card(ctx, rnd, results, notice=notice))
    if not count:
        return ctx.reply(ctx.say(f"check.close.nobody_{how}", seq=rnd.seq))
    minimum = rnd.minimum or 0
    return ctx.reply(
        ctx.say(f"check.close.too_few_{how}", seq=rnd.seq, count=count, minimum=minimum)
    )
