"""The report's plain-words line: how many tips the team was given (a count, nothing more)."""

from __future__ import annotations

from ..report.sections import Scope, Section, report_section
from .tally import tips_given


@report_section(40)
async def tips_section(scope: Scope) -> Section | None:
    channels = (scope.only,) if scope.only else ()
    count = await tips_given(scope.store, scope.scope, channels)
    heading = scope.pack.say("reportfile.tips.heading")
    if not count:
        return None  # no tips given yet: nothing to add
    return Section(heading, (scope.pack.say("reportfile.tips.count", count=count),), id="tips")
