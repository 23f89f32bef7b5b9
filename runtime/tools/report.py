"""`python app.py report --scope platform:workspace [--channel ID] --format html --out FILE`:
the shareable report of a workspace's (or one channel's) check results, as one HTML file."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.prompts import load_pack
from bot.store import open_store

from ..cli import EXIT_OK, fail, subcommand
from ..settings import load_settings

FORMATS = ("html",)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope", required=True, help="the workspace, written platform:workspace (slack:T123)"
    )
    parser.add_argument("--channel", help="only this channel (its id, as the platform gives it)")
    parser.add_argument("--format", default="html", help="the output format (html)")
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")


async def _report(args: argparse.Namespace) -> tuple[bytes, int]:
    from bot.charts import render
    from bot.check.report_file import report_file

    from ..features import shipped

    settings = load_settings()
    store = await open_store(settings.COPROD_DB)
    try:
        file, report = await report_file(
            store,
            load_pack(settings.COPROD_PROMPTS_DIR),
            args.scope,
            channel=args.channel,
            zone=ZoneInfo(settings.COPROD_TIMEZONE),
            now=datetime.now(UTC),
            providers=shipped().report_providers(),
        )
    finally:
        await store.close()
        render.shutdown()
    return file.data, report.checks


@subcommand("report", "write the shareable report of check results as an HTML file", _arguments)
def report_cmd(args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        return fail(f"--format {args.format}: not a format I know; use --format html")
    if args.scope.count(":") != 1:
        return fail(f"--scope {args.scope}: write it as platform:workspace, like slack:T123")
    settings = load_settings()
    if not Path(settings.COPROD_DB).exists():
        return fail(
            f"COPROD_DB: {settings.COPROD_DB} does not exist, so there is nothing to report"
        )
    data, checks = asyncio.run(_report(args))
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        return fail(f"--out {args.out}: cannot write it: {exc.strerror}")
    print(f"Wrote the report ({checks} checks with results) to {args.out}", file=sys.stderr)
    return EXIT_OK
