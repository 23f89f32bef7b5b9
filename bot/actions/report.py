"""The report's "You said, we did" section: how many actions were done, dropped and are still
open, the done and dropped ones as the team wrote them (with what was done, or why not; never
who owned them), and a chart of actions done per principle."""

from __future__ import annotations

from ..chart import Chart
from ..charts.counts import counts_chart
from ..charts.labels import principle_label
from ..report.sections import Scope, Section, Table, report_section
from . import records
from .records import DONE, DROPPED, Action

ROWS = 40  # done and dropped actions listed in the table, newest first; the rest are counted


def _in_report(scope: Scope, action: Action) -> bool:
    channel = action.channel_key.removeprefix(action.scope + ":")
    if scope.only:
        return channel == scope.only
    return True  # every channel of the workspace, with checks or not


@report_section(20)
async def actions_section(scope: Scope) -> Section | None:
    """None when the workspace (or channel) has no actions."""
    pack = scope.pack
    actions = [a for a in await records.in_scope(scope.store, scope.scope) if _in_report(scope, a)]
    if not actions:
        return None
    done = [a for a in actions if a.status == DONE]
    dropped = [a for a in actions if a.status == DROPPED]
    still_open = len(actions) - len(done) - len(dropped)
    heading = pack.say("reportfile.actions.heading")
    counts = pack.say(
        "reportfile.actions.counts", done=len(done), dropped=len(dropped), open=still_open
    )
    closed = sorted(done + dropped, key=lambda a: a.closed_at or "", reverse=True)
    outcome = {DONE: "reportfile.actions.done", DROPPED: "reportfile.actions.dropped"}
    rows = tuple(
        (scope.day(a.closed_at), pack.say(outcome[a.status]), a.text, a.note) for a in closed[:ROWS]
    )
    paragraphs = [counts]
    if len(closed) > ROWS:
        paragraphs.append(pack.say("reportfile.actions.more", count=len(closed) - ROWS))
    tables: tuple[Table, ...] = ()
    if rows:
        headings = (
            pack.say("reportfile.actions.col.closed"),
            pack.say("reportfile.actions.col.status"),
            pack.say("reportfile.actions.col.action"),
            pack.say("reportfile.actions.col.note"),
        )
        tables = (Table(pack.say("reportfile.actions.caption"), headings, rows),)
    numbers = sorted(pack.principles)
    per_principle = [sum(1 for a in done if a.principle == n) for n in numbers]
    charts: tuple[Chart, ...] = ()
    if any(per_principle):
        charts = (
            counts_chart(
                pack,
                title=pack.say("reportfile.actions.chart_title"),
                labels=[principle_label(pack, n) for n in numbers],
                counts=per_principle,
                axis_title=pack.say("reportfile.actions.chart_axis"),
                id="actions-done",
            ),
        )
    return Section(heading, tuple(paragraphs), charts=charts, tables=tables, id="actions")
