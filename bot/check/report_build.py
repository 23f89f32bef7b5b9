"""Gather a report: the framework it follows, then per channel the trend and the latest
results, where partners and staff differ most, reflections posted and answered, and the
sections other features add (`bot/report/sections.py:report_section`).

Only what the check already publishes is used: rounds that closed with at least the minimum
group size of answers (`bot.check.closing.published`), and the partners–staff comparison only
where both groups reached it (`Results.groups_shown`), so no chart or table ever shows a round
or a group below the minimum. Every word comes from prompts/messages/report_file.yaml."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ..anonymity import minimum_group_size
from ..charts.labels import principle_label
from ..prompts import PromptPack
from ..report.sections import Provider, Scope, Section, Table, when
from ..store import Store
from .cards import number
from .charts import check_labels, groups_chart, results_chart, trend_chart
from .closing import published
from .report import ChannelTrends, trends_of
from .results import Results, RoundResults
from .rounds import DELETED, ROUNDS, Round

GAPS_SHOWN = 5  # the widest partners–staff differences listed
VOTES_TABLE = "nudge_votes"  # bot.nudges.reflect: one document per reflection question asked


@dataclass(frozen=True)
class Report:
    """Everything the HTML shows, in order."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    checks: int = 0  # checks with results it covers, in every channel
    added: int = 0  # sections other features added because they had something to show
    lang: str = "en"


async def _channels(store: Store, scope: str, only: str | None) -> dict[str, list[Round]]:
    where = {"scope": scope, "channel": only} if only else {"scope": scope}
    found = [Round.from_doc(d) for d in await store.find(ROUNDS, **where)]
    by_channel: dict[str, list[Round]] = defaultdict(list)
    for rnd in sorted(found, key=lambda r: (r.channel, r.seq)):
        if rnd.status != DELETED:
            by_channel[rnd.channel].append(rnd)
    return dict(by_channel)


def _name(pack: PromptPack, rounds: list[Round], channel: str) -> str:
    named = next((r.channel_name for r in reversed(rounds) if r.channel_name), "")
    return pack.say("reportfile.channel", name=named or channel)


def _latest_table(pack: PromptPack, rnd: Round, results: Results) -> Table:
    groups = results.groups_shown
    headings = [pack.say("reportfile.col.principle"), pack.say("reportfile.col.average")]
    if groups:
        headings += [pack.say("check.role.partners"), pack.say("check.role.staff_group")]
    rows = []
    for p in results.principles:
        row = [principle_label(pack, p.number), number(p.average)]
        if groups:
            row += [number(p.partners), number(p.staff)]
        rows.append(tuple(row))
    caption = pack.say("reportfile.latest.caption", seq=rnd.seq, count=results.responses)
    return Table(caption, tuple(headings), tuple(rows))


def _channel_section(
    pack: PromptPack, channel: str, rounds: list[Round], found: ChannelTrends, zone: ZoneInfo
) -> Section:
    heading = _name(pack, rounds, channel)
    if not found.count:
        return Section(heading, (pack.say("reportfile.channel.none"),), id=f"channel-{channel}")
    rnd, results = found.shown[-1]
    latest = RoundResults(rnd, results.responses, results)
    intro = pack.say(
        "reportfile.channel.intro",
        count=found.count,
        seq=rnd.seq,
        date=when(pack, rnd.closed, zone),
        answers=results.responses,
    )
    charts = [trend_chart(pack, found.trends, check_labels(pack, found.seqs))]
    charts.append(groups_chart(pack, latest) or results_chart(pack, latest))
    return Section(
        heading,
        (intro,),
        charts=tuple(c for c in charts if c is not None),
        tables=(_latest_table(pack, rnd, results),),
        id=f"channel-{channel}",
    )


def _gaps_section(
    pack: PromptPack, latest: list[tuple[str, Round, Results]], minimum: int
) -> Section:
    heading = pack.say("reportfile.gaps.heading")
    gaps = [
        (name, rnd, p)
        for name, rnd, results in latest
        if results.groups_shown
        for p in results.principles
        if p.gap is not None
    ]
    if not gaps:
        return Section(heading, (pack.say("reportfile.gaps.none", minimum=minimum),), id="gaps")
    gaps.sort(key=lambda g: (-(g[2].gap or 0.0), g[0], g[2].number))
    rows = tuple(
        (
            name,
            principle_label(pack, p.number),
            number(p.partners),
            number(p.staff),
            number(p.gap),
        )
        for name, _rnd, p in gaps[:GAPS_SHOWN]
    )
    headings = (
        pack.say("reportfile.col.channel"),
        pack.say("reportfile.col.principle"),
        pack.say("check.role.partners"),
        pack.say("check.role.staff_group"),
        pack.say("reportfile.col.difference"),
    )
    table = Table(pack.say("reportfile.gaps.caption"), headings, rows)
    return Section(heading, (pack.say("reportfile.gaps.intro"),), tables=(table,), id="gaps")


async def _reflections(store: Store, pack: PromptPack, scope: str, channels: set[str]) -> Section:
    """How many reflection questions were answered, and how many answers they got (counts)."""
    votes = [
        d
        for d in await store.find(VOTES_TABLE, scope=scope)
        if str(d.get("channel_key", "")).rsplit(":", 1)[-1] in channels
    ]
    answers = sum(int(d.get(k, 0)) for d in votes for k in ("yes", "partly", "no"))
    asked = sum(1 for d in votes if any(int(d.get(k, 0)) for k in ("yes", "partly", "no")))
    heading = pack.say("reportfile.reflections.heading")
    if not asked:
        return Section(heading, (pack.say("reportfile.reflections.none"),), id="reflections")
    text = pack.say("reportfile.reflections.counts", questions=asked, answers=answers)
    return Section(heading, (text,), id="reflections")


async def build_report(
    store: Store,
    pack: PromptPack,
    scope: str,
    *,
    channel: str | None = None,
    zone: ZoneInfo,
    now: datetime,
    providers: Sequence[Provider] = (),
) -> Report:
    """The report of `scope` (every channel with checks, or just `channel`), with the sections
    the composed features' `providers` add (`core.registry.report_providers()`)."""
    minimum = await minimum_group_size(store, scope)
    source = pack.source
    about = Section(
        pack.say("reportfile.about.heading"),
        (
            pack.say(
                "reportfile.about.framework",
                title=source.title,
                authors=source.authors,
                publisher=source.publisher,
                date=source.date,
            ),
            pack.definition,
            pack.say("reportfile.about.minimum", minimum=minimum),
        ),
        id="about",
    )
    sections = [about]
    latest: list[tuple[str, Round, Results]] = []
    checks = 0
    by_channel = await _channels(store, scope, channel)
    for name, rounds in by_channel.items():
        found = trends_of(await published(store, rounds))
        sections.append(_channel_section(pack, name, rounds, found, zone))
        checks += found.count
        if found.count:
            latest.append((_name(pack, rounds, name), *found.shown[-1]))
    if not by_channel:
        sections.append(
            Section(
                pack.say("reportfile.empty.heading"), (pack.say("report.none", minimum=minimum),)
            )
        )
    sections.append(_gaps_section(pack, latest, minimum))
    sections.append(await _reflections(store, pack, scope, set(by_channel) or {channel or ""}))
    shared = Scope(store, pack, scope, tuple(by_channel), minimum, only=channel, zone=zone)
    added = 0
    for provider in providers:
        extra = await provider(shared)
        if extra is not None:
            sections.append(extra)
            added += 1
    where = (
        _name(pack, by_channel.get(channel, []), channel)
        if channel
        else pack.say("reportfile.workspace", count=len(by_channel))
    )
    today = when(pack, now.isoformat(), zone)
    return Report(
        title=pack.say("reportfile.title"),
        subtitle=pack.say("reportfile.subtitle", where=where, date=today),
        sections=tuple(sections),
        checks=checks,
        added=added,
    )
