"""`python app.py export --format csv [--out FILE] [--scope S]`: anonymous check results."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.check.export import results_csv
from bot.settings import load_settings
from bot.store import open_store

from ..cli import EXIT_OK, fail, subcommand

FORMATS = ("csv",)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="csv", help="the output format (only csv for now)", metavar="FORMAT"
    )
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")
    parser.add_argument(
        "--scope", help="only this workspace, written platform:workspace (for example slack:T123)"
    )


async def _export(db: str, scope: str | None) -> str:
    store = await open_store(db)
    try:
        return await results_csv(store, scope)
    finally:
        await store.close()


@subcommand(
    "export", "export anonymous check results (one row per round and principle)", _arguments
)
def export_cmd(args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        return fail(f"--format {args.format}: not a format I know; use --format csv")
    if args.scope is not None and args.scope.count(":") != 1:
        return fail(f"--scope {args.scope}: write it as platform:workspace, like slack:T123")
    settings = load_settings()
    if not Path(settings.COPROD_DB).exists():
        return fail(
            f"COPROD_DB: {settings.COPROD_DB} does not exist, so there is nothing to export"
        )
    text = asyncio.run(_export(settings.COPROD_DB, args.scope))
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        return fail(f"--out {args.out}: cannot write it: {exc.strerror}")
    print(f"Wrote {text.count(chr(10)) - 1} rows to {args.out}", file=sys.stderr)
    return EXIT_OK
