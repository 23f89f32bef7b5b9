"""`python app.py check-prompts DIR`: validate a prompt pack folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.prompts import check_folder

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
    return EXIT_OK
