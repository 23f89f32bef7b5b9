"""The report as a file: built, written as HTML and wrapped as the neutral `File` a reply
carries (`/coprod report file`) or the operator writes (`python app.py report`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from ..model import File
from ..prompts import PromptPack
from ..report.sections import Provider
from ..store import Store
from .report_build import Report, build_report
from .report_html import report_html


async def report_file(
    store: Store,
    pack: PromptPack,
    scope: str,
    *,
    channel: str | None,
    zone: ZoneInfo,
    now: datetime,
    providers: Sequence[Provider] = (),
) -> tuple[File, Report]:
    """The HTML report as a file, and the report (`checks` with results it covers, `added`
    sections other features filled: a report of actions alone is still worth sending)."""
    report = await build_report(
        store, pack, scope, channel=channel, zone=zone, now=now, providers=providers
    )
    text = await report_html(
        report, contents=pack.say("reportfile.contents"), footer=pack.say("reportfile.footer")
    )
    checks = report.checks
    stamp = f"{now.astimezone(zone):%Y-%m-%d}"
    where = (channel or scope).replace(":", "-")
    summary = pack.say("reportfile.file.summary", where=report.subtitle.split(".")[0], count=checks)
    file = File(
        data=text.encode("utf-8"),
        name=f"coprod-report-{where}-{stamp}.html",
        mime="text/html",
        summary=summary,
    )
    return file, report
