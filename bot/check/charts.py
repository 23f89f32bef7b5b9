"""Charts of the check: a round's results (average and spread per principle), partners and
staff side by side, and each principle's average across rounds (the report).

Built from what the check already computes (`RoundResults`, `Results.weakest`,
`Results.widest_gap`, `Trend`), so they follow its rules: a round without results, or groups
too small to compare, give no chart. Every word comes from prompts/messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..chart import Chart, ChartKind, Scale, Series, Tick
from ..charts.labels import principle_label
from .answers import LEVELS
from .cards import number

if TYPE_CHECKING:
    from ..prompts import PromptPack
    from .report import Trend
    from .results import PrincipleResult, RoundResults

RESULTS, GROUPS, TREND = "check.results", "check.groups", "report.trend"


def check_scale(pack: PromptPack) -> Scale:
    """The check's answer scale: 1 Not yet to 4 Embedded, values to one decimal place."""
    ticks = tuple(Tick(float(n), pack.say(f"check.level.{n}")) for n in LEVELS)
    return Scale(low=1.0, high=4.0, ticks=ticks, decimals=1)


def spread(p: PrincipleResult) -> tuple[float | None, float | None]:
    """The lowest and highest answer anyone gave (Don't know left out)."""
    chosen = [level for level, n in zip(LEVELS, p.tally.counts, strict=True) if n]
    return (float(min(chosen)), float(max(chosen))) if chosen else (None, None)


def results_chart(pack: PromptPack, found: RoundResults) -> Chart | None:
    """A bar per principle: the average, with a line from the lowest to the highest answer.
    None when the round has no results or every principle is all Don't know."""
    results = found.results
    if results is None:
        return None
    scored = [p for p in results.principles if p.average is not None]
    lowest = results.weakest
    if lowest is None:
        return None
    highest = max(scored, key=lambda p: (p.average or 0.0, -p.number))
    if len(scored) == 1:
        summary = pack.say(
            "charts.results.summary_one",
            title=principle_label(pack, lowest.number),
            value=number(lowest.average),
        )
    else:
        summary = pack.say(
            "charts.results.summary",
            high_title=principle_label(pack, highest.number),
            high=number(highest.average),
            low_title=principle_label(pack, lowest.number),
            low=number(lowest.average),
        )
    spreads = [spread(p) for p in results.principles]
    return Chart(
        kind=ChartKind.BARS,
        id=RESULTS,
        title=pack.say("charts.results.title", seq=found.round.seq, count=results.responses),
        summary=summary,
        labels=tuple(principle_label(pack, p.number) for p in results.principles),
        series=(
            Series(
                name="",
                values=tuple(p.average for p in results.principles),
                low=tuple(lo for lo, _ in spreads),
                high=tuple(hi for _, hi in spreads),
            ),
        ),
        scale=check_scale(pack),
        note=pack.say("charts.results.note"),
        missing=pack.say("charts.no_value"),
    )


def groups_chart(pack: PromptPack, found: RoundResults) -> Chart | None:
    """Partners' and staff's averages side by side per principle; None unless the check shows
    the comparison for this round (enough answers in each group)."""
    results = found.results
    if results is None or not results.groups_shown:
        return None
    widest = results.widest_gap
    if widest is None or not widest.gap:
        summary = pack.say("charts.groups.summary_same")
    else:
        summary = pack.say(
            "charts.groups.summary",
            title=principle_label(pack, widest.number),
            partners=number(widest.partners),
            staff=number(widest.staff),
        )
    return Chart(
        kind=ChartKind.GROUPED,
        id=GROUPS,
        title=pack.say("charts.groups.title", seq=found.round.seq),
        summary=summary,
        labels=tuple(principle_label(pack, p.number) for p in results.principles),
        series=(
            Series(pack.say("check.role.partners"), tuple(p.partners for p in results.principles)),
            Series(pack.say("check.role.staff_group"), tuple(p.staff for p in results.principles)),
        ),
        scale=check_scale(pack),
        note=pack.say("charts.groups.note"),
        missing=pack.say("charts.no_value"),
    )


def check_labels(pack: PromptPack, seqs: Sequence[int]) -> tuple[str, ...]:
    """Time labels for a trend: each round's number in its channel."""
    return tuple(pack.say("charts.trend.point", seq=s) for s in seqs)


def _ends(values: Sequence[float | None]) -> tuple[float, float] | None:
    known = [v for v in values if v is not None]
    return (known[0], known[-1]) if len(known) > 1 else None


def trend_chart(pack: PromptPack, trends: Sequence[Trend], labels: Sequence[str]) -> Chart | None:
    """Each principle's average across rounds (`bot.check.report.channel_trends`), one small
    panel per principle; `labels` name the rounds, oldest first. None without rounds."""
    count = len(labels)
    if not count or not trends:
        return None
    changes = [(t, ends) for t in trends if (ends := _ends(t.values)) is not None]
    up = sum(1 for _t, (first, last) in changes if last > first)
    down = sum(1 for _t, (first, last) in changes if last < first)
    if count == 1:
        summary = pack.say("charts.trend.summary_one")
    elif not up and not down:
        summary = pack.say("charts.trend.summary_flat", count=count)
    else:
        biggest, (first, last) = max(changes, key=lambda c: (abs(c[1][1] - c[1][0]), -c[0].number))
        summary = pack.say(
            "charts.trend.summary",
            count=count,
            up=up,
            down=down,
            title=principle_label(pack, biggest.number),
            first=number(first),
            last=number(last),
        )
    return Chart(
        kind=ChartKind.LINES,
        id=TREND,
        title=pack.say("charts.trend.title", count=count),
        summary=summary,
        labels=tuple(labels),
        series=tuple(Series(principle_label(pack, t.number), tuple(t.values)) for t in trends),
        scale=check_scale(pack),
        axis_title=pack.say("charts.trend.axis"),
        note=pack.say("charts.trend.note"),
        small_multiples=True,
    )
