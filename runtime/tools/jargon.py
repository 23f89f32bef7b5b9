"""`python app.py jargon [--json]`: check messages from standard input, one per line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.jargon import compiled, scan
from bot.prompts import load_pack

from ..cli import EXIT_OK, fail, subcommand


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object per input line")


def _readable(number: int, line: str, findings: list) -> str:
    if not findings:
        return f"{number}: nothing found"
    parts = []
    for f in findings:
        hint = f" → {' / '.join(f.suggestions)}" if f.suggestions else ""
        parts.append(f"{line[f.start : f.end]!r} ({f.kind}, {f.start}-{f.end}){hint}")
    return f"{number}: " + "; ".join(parts)


@subcommand("jargon", "check text from standard input for jargon and acronyms", _options)
def jargon_cmd(args: argparse.Namespace) -> int:
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return fail(
            f"The input is not UTF-8 text (byte {exc.start} cannot be read). "
            "Save the file as UTF-8 and try again."
        )
    folder = os.environ.get("COPROD_PROMPTS_DIR") or None
    lexicon = compiled(load_pack(Path(folder) if folder else None).jargon)
    out = sys.stdout
    for number, line in enumerate(text.splitlines(), start=1):
        findings = scan(line, lexicon)
        if args.json:
            record = {"line": number, "findings": [f.to_dict() for f in findings]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(_readable(number, line, findings) + "\n")
    return EXIT_OK
