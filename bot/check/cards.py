"""The check's neutral cards: the round, the form, results, a personal check and the report.

Bars are plain characters that read well on Slack, Teams and HTML alike: `▂█▅·` shows how many
chose each answer (Not yet → Embedded, `·` for nobody) and `■■■□` shows one person's score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..markup import plain
from ..model import Button, Buttons, Card, Choice, Divider, Form, Option, Style, Text
from ..model import Context as Small
from .answers import DONT_KNOW, LEVELS, PRINCIPLES, ROLES, Answer, form_field
from .results import PrincipleResult, Results, RoundResults

if TYPE_CHECKING:
    from ..context import Context
    from .report import Trend

SPARK = "▁▂▃▄▅▆▇█"
NOBODY = "·"
ROUND_CARD, FORM_CARD, RESULTS_CARD = "check.round", "check.form", "check.results"
SELF_CARD, REPORT_CARD = "check.self", "report"


def spread_bar(counts: Sequence[int], total: int) -> str:
    """One character per answer level, from Not yet to Embedded, as tall as the share of all
    `total` people who chose it (so bars compare across principles); `·` where nobody did."""
    return "".join(
        NOBODY if n == 0 else SPARK[1 + round(n / max(total, n) * (len(SPARK) - 2))] for n in counts
    )


def score_bar(score: int) -> str:
    """`■■□□` for a score of 2 out of 4; `····` for don't know."""
    return NOBODY * 4 if score == DONT_KNOW else "■" * score + "□" * (4 - score)


def trend_spark(values: Sequence[float | None]) -> str:
    """Averages on the fixed 1–4 scale as sparkline characters, so height means the same in
    every line; `·` where there was no score."""
    out = []
    for value in values:
        if value is None:
            out.append(NOBODY)
        else:
            step = round((min(max(value, 1.0), 4.0) - 1.0) / 3.0 * (len(SPARK) - 1))
            out.append(SPARK[step])
    return "".join(out)


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _title(ctx: Context, n: int) -> str:
    return ctx.pack.principle(n).title


async def _statement(ctx: Context, n: int) -> str:
    found = await ctx.prompts("check_statement", n)
    return plain(found[0].text) if found else plain(ctx.pack.principle(n).statement)


async def next_step(ctx: Context, n: int, turn: int) -> str:
    steps = await ctx.prompts("next_step", n)
    return plain(steps[turn % len(steps)].text) if steps else ""


# ---- opening a round ------------------------------------------------------------------------


def answer_button(ctx: Context, round_key: str) -> Buttons:
    return Buttons(
        (
            Button(
                ctx.say("check.round.answer_button"),
                "check.open",
                {"round": round_key},
                Style.PRIMARY,
            ),
        )
    )


def round_card(ctx: Context, round_key: str) -> Card:
    return Card(
        id=ROUND_CARD,
        title=ctx.say("check.round.title"),
        fallback_text=ctx.say("check.round.fallback"),
        blocks=(
            Text(ctx.say("check.round.body")),
            Small(ctx.say("check.round.anonymous")),
            answer_button(ctx, round_key),
            Small(ctx.say("check.round.text_form")),
        ),
    )


def already_open_card(ctx: Context, round_key: str, count: int) -> Card:
    text = ctx.say("check.round.already_open", count=count)
    return Card(
        id="check.already_open",
        title=ctx.say("check.round.title"),
        fallback_text=text,
        blocks=(Text(text), answer_button(ctx, round_key)),
    )


# ---- the form -------------------------------------------------------------------------------


def _scale(ctx: Context) -> tuple[Option, ...]:
    return tuple(Option(str(n), ctx.say(f"check.level.{n}")) for n in (*LEVELS, DONT_KNOW))


async def form_card(ctx: Context, round_key: str, *, personal: bool = False) -> Card:
    """The 8 statements and the optional role question, sent as one `check.submit` action."""
    scale = _scale(ctx)
    inputs: list[Choice] = [
        Choice(
            id=form_field(n),
            label=ctx.say(
                "check.form.statement",
                number=n,
                title=_title(ctx, n),
                statement=await _statement(ctx, n),
            ),
            options=scale,
        )
        for n in PRINCIPLES
    ]
    if not personal:
        roles = tuple(Option(r, ctx.say(f"check.role.{r}")) for r in ROLES)
        inputs.append(
            Choice(
                id="role",
                label=ctx.say("check.role.question"),
                options=(*roles, Option("none", ctx.say("check.role.none"))),
                required=False,
            )
        )
    intro = ctx.say("check.self.intro" if personal else "check.form.intro")
    return Card(
        id=FORM_CARD,
        title=ctx.say("check.self.title" if personal else "check.form.title"),
        fallback_text=ctx.say("check.form.fallback"),
        blocks=(
            Text(intro),
            Form(
                id="check",
                inputs=tuple(inputs),
                submit_label=ctx.say("check.form.submit"),
                action_id="check.submit",
                value={"round": round_key},
            ),
        ),
    )


# ---- results --------------------------------------------------------------------------------


def _change(ctx: Context, p: PrincipleResult) -> str:
    if p.change is None:
        return ""
    return ctx.say(f"check.results.change_{p.change}", previous=number(p.previous))


def _principle_text(ctx: Context, p: PrincipleResult, groups: bool) -> str:
    title = _title(ctx, p.number)
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
    return "\n".join(lines)


async def results_card(ctx: Context, found: RoundResults) -> Card:
    """The results of a round with 3 or more answers."""
    results = found.results
    assert results is not None, "results only with 3 or more answers"
    rnd = found.round
    state = ctx.say("check.results.state_open" if rnd.is_open else "check.results.state_closed")
    blocks: list = [
        Text(ctx.say("check.results.round", seq=rnd.seq, count=results.responses, state=state)),
        Divider(),
    ]
    blocks.extend(Text(_principle_text(ctx, p, results.groups_shown)) for p in results.principles)
    blocks.append(Divider())
    widest = results.widest_gap
    if widest is not None:
        blocks.append(
            Text(
                ctx.say(
                    "check.results.gap_widest",
                    number=widest.number,
                    title=_title(ctx, widest.number),
                    partners=number(widest.partners),
                    staff=number(widest.staff),
                )
            )
        )
    elif results.partners or results.staff:
        blocks.append(Small(ctx.say("check.results.gap_hidden")))
    focus = results.focus()
    if focus is not None:
        p, why = focus
        step = await next_step(ctx, p.number, rnd.seq)
        blocks.append(
            Text(
                ctx.say(
                    f"check.results.next_{why}",
                    number=p.number,
                    title=_title(ctx, p.number),
                    step=step,
                )
            )
        )
    blocks.append(Small(ctx.say("check.results.legend")))
    return Card(
        id=RESULTS_CARD,
        title=ctx.say("check.results.title"),
        fallback_text=_results_fallback(ctx, results),
        blocks=tuple(blocks),
    )


def _results_fallback(ctx: Context, results: Results) -> str:
    lines = [ctx.say("check.results.title") + f" ({results.responses})"]
    for p in results.principles:
        lines.append(f"{p.number}. {_title(ctx, p.number)}: {number(p.average)}")
    return "\n".join(lines)


# ---- a private self-check -------------------------------------------------------------------


async def self_results_card(ctx: Context, answer: Answer) -> Card:
    """One person's own answers, with a next step for their lowest principle."""
    rows = []
    for n in PRINCIPLES:
        score = answer.score(n)
        rows.append(
            ctx.say(
                "check.self.result",
                number=n,
                title=_title(ctx, n),
                bar=score_bar(score),
                level=ctx.say(f"check.level.{score}"),
            )
        )
    blocks: list = [Text("\n".join(rows)), Divider()]
    scored = [n for n in PRINCIPLES if answer.score(n) != DONT_KNOW]
    if scored:
        lowest = min(scored, key=lambda n: (answer.score(n), n))
        step = await next_step(ctx, lowest, ctx.core.clock.now().toordinal())
        blocks.append(
            Text(ctx.say("check.self.next", number=lowest, title=_title(ctx, lowest), step=step))
        )
        fallback = ctx.say("check.self.fallback", number=lowest, title=_title(ctx, lowest))
    else:
        blocks.append(Text(ctx.say("check.self.all_dont_know")))
        fallback = ctx.say("check.self.all_dont_know")
    blocks.append(Small(ctx.say("check.self.team_hint")))
    return Card(
        id=SELF_CARD,
        title=ctx.say("check.self.title"),
        fallback_text=fallback,
        blocks=tuple(blocks),
    )


# ---- the report -----------------------------------------------------------------------------


def report_card(ctx: Context, trends: list[Trend], rounds: int) -> Card:
    lines = []
    for trend in trends:
        title = _title(ctx, trend.number)
        known = [v for v in trend.values if v is not None]
        if not known:
            lines.append(ctx.say("report.line_none", number=trend.number, title=title))
            continue
        message = "report.line" if len(known) > 1 else "report.line_one"
        lines.append(
            ctx.say(
                message,
                number=trend.number,
                title=title,
                spark=trend_spark(trend.values),
                first=number(known[0]),
                last=number(known[-1]),
            )
        )
    return Card(
        id=REPORT_CARD,
        title=ctx.say("report.title"),
        fallback_text=ctx.say("report.fallback", count=rounds)
        + "\n"
        + "\n".join(
            f"{t.number}. {_title(ctx, t.number)}: "
            + " → ".join(number(v) for v in t.values if v is not None)
            for t in trends
        ),
        blocks=(
            Text(ctx.say("report.intro")),
            Text("\n".join(lines)),
            Small(ctx.say("report.rounds", count=rounds)),
        ),
    )
