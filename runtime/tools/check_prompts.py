"""`python app.py check-prompts DIR`: validate a prompt pack folder, and report per locale which
ids fall back to English."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.prompts import check_folder, load_pack
from bot.prompts.pack import SHIPPED_DIR

from ..cli import EXIT_BAD_INPUT, EXIT_OK, subcommand


def _folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the prompt pack folder to check")


@subcommand("check-prompts", "validate a prompt pack folder", _folder)
def check_prompts_cmd(args: argparse.Namespace) -> int:
    problems = check_folder(args.folder)
    if problems:
        print(f"{args.folder}: {len(problems)} problem(s):", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.folder}: the prompt pack is valid.")
    same = args.folder.resolve() == SHIPPED_DIR.resolve()
    pack = load_pack(None if same else args.folder)
    for locale, report in pack.reports.items():
        print(f"{locale}: {len(report.missing)} missing (said in English instead)")
        for key in report.missing:
            print(f"  missing: {key}")
        for key in report.en_only:
            print(f"  changed in English by this pack, not in {locale}: {key}")
    return EXIT_OK
