"""`python app.py export --format csv [--what results|actions] [--out FILE] [--scope S]`:
anonymous check results, or the actions ("You said, we did")."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.actions.export import actions_csv
from bot.check.export import results_csv
from bot.store import open_store

from ..cli import EXIT_OK, fail, subcommand
from ..settings import load_settings

FORMATS = ("csv",)
WHAT = ("results", "actions")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="csv", help="the output format (only csv for now)", metavar="FORMAT"
    )
    parser.add_argument(
        "--what",
        default="results",
        help="results (anonymous check results, the default) or actions",
        metavar="WHAT",
    )
    parser.add_argument("--out", type=Path, help="write to this file instead of standard output")
    parser.add_argument(
        "--scope", help="only this workspace, written platform:workspace (for example slack:T123)"
    )


async def _export(db: str, scope: str | None, what: str = "results") -> str:
    store = await open_store(db)
    try:
        if what == "actions":
            return await actions_csv(store, scope)
        return await results_csv(store, scope)
    finally:
        await store.close()


@subcommand(
    "export",
    "export anonymous check results (one row per round and principle) or, with --what actions, "
    "the actions",
    _arguments,
)
def export_cmd(args: argparse.Namespace) -> int:
    if args.format not in FORMATS:
        return fail(f"--format {args.format}: not a format I know; use --format csv")
    if args.what not in WHAT:
        return fail(f"--what {args.what}: use --what results or --what actions")
    if args.scope is not None and args.scope.count(":") != 1:
        return fail(f"--scope {args.scope}: write it as platform:workspace, like slack:T123")
    settings = load_settings()
    if not Path(settings.COPROD_DB).exists():
        return fail(
            f"COPROD_DB: {settings.COPROD_DB} does not exist, so there is nothing to export"
        )
    text = asyncio.run(_export(settings.COPROD_DB, args.scope, args.what))
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        return fail(f"--out {args.out}: cannot write it: {exc.strerror}")
    print(f"Wrote {text.count(chr(10)) - 1} rows to {args.out}", file=sys.stderr)
    return EXIT_OK
