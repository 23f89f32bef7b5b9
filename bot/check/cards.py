"""The check's neutral cards: the round, the form, a personal check and the report.

Results cards are in `result_cards`, the cards that ask to confirm in `confirm_cards`.

Bars are plain characters that read well on Slack, Teams and HTML alike: `▂█▅·` shows how many
chose each answer (Not yet → Embedded, `·` for nobody) and `■■■□` shows one person's score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..markup import plain
from ..model import Button, Buttons, Card, Choice, Divider, Form, Option, Style, Text
from ..model import Context as Small
from .answers import DONT_KNOW, LEVELS, PRINCIPLES, ROLES, Answer, form_field

if TYPE_CHECKING:
    from ..context import Context
    from .report import Trend

SPARK = "▁▂▃▄▅▆▇█"
NOBODY = "·"
ROUND_CARD, FORM_CARD, SELF_CARD, REPORT_CARD = "check.round", "check.form", "check.self", "report"


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


def principle_title(ctx: Context, n: int) -> str:
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


def round_card(ctx: Context, round_key: str, minimum: int, closes: str) -> Card:
    """The public card of a new round; `closes` is when it closes on its own, in words."""
    return Card(
        id=ROUND_CARD,
        title=ctx.say("check.round.title"),
        fallback_text=ctx.say("check.round.fallback"),
        blocks=(
            Text(ctx.say("check.round.body")),
            Small(ctx.say("check.round.anonymous", minimum=minimum, when=closes)),
            answer_button(ctx, round_key),
            Small(ctx.say("check.round.text_form")),
        ),
    )


def already_open_card(ctx: Context, round_key: str, count: int, minimum: int, closes: str) -> Card:
    text = ctx.say("check.round.already_open", count=count, minimum=minimum, when=closes)
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
                title=principle_title(ctx, n),
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
                title=principle_title(ctx, n),
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
            Text(
                ctx.say(
                    "check.self.next", number=lowest, title=principle_title(ctx, lowest), step=step
                )
            )
        )
        fallback = ctx.say("check.self.fallback", number=lowest, title=principle_title(ctx, lowest))
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


def report_card(
    ctx: Context,
    trends: list[Trend],
    rounds: int,
    votes: dict[int, list[tuple[str, str]]] | None = None,
) -> Card:
    """Each principle's trend over the rounds, with its vote questions' recent tallies under
    it (`votes`: wording and tally line, newest first; see bot/nudges/tallies.py)."""
    lines = []
    for trend in trends:
        title = principle_title(ctx, trend.number)
        known = [v for v in trend.values if v is not None]
        if not known:
            lines.append(ctx.say("report.line_none", number=trend.number, title=title))
        else:
            lines.append(_trend_line(ctx, trend, title, known))
        for question, tally in (votes or {}).get(trend.number, []):
            lines.append(ctx.say("report.vote", question=question, tally=tally))
    return _report(ctx, trends, rounds, lines)


def _trend_line(ctx: Context, trend: Trend, title: str, known: list[float]) -> str:
    message = "report.line" if len(known) > 1 else "report.line_one"
    return ctx.say(
        message,
        number=trend.number,
        title=title,
        spark=trend_spark(trend.values),
        first=number(known[0]),
        last=number(known[-1]),
    )


def _report(ctx: Context, trends: list[Trend], rounds: int, lines: list[str]) -> Card:
    return Card(
        id=REPORT_CARD,
        title=ctx.say("report.title"),
        fallback_text=ctx.say("report.fallback", count=rounds)
        + "\n"
        + "\n".join(
            f"{t.number}. {principle_title(ctx, t.number)}: "
            + " → ".join(number(v) for v in t.values if v is not None)
            for t in trends
        ),
        blocks=(
            Text(ctx.say("report.intro")),
            Text("\n".join(lines)),
            Small(ctx.say("report.rounds", count=rounds)),
        ),
    )
