"""`python app.py jargon [--json]`: check messages from standard input, one per line.

Start-up matters here, so the checker and the lists are imported only when the command runs,
and the compiled lists come from a cache (bot/jargon/cache.py) when nothing has changed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..cli import EXIT_OK, fail, subcommand

BATCH = 2048  # lines written at a time


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object per input line")


def _readable(number: int, line: str, findings: list[Any]) -> str:
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
    import orjson

    from bot.jargon.cache import cached_lexicon
    from bot.jargon.scan import scan

    folder = os.environ.get("COPROD_PROMPTS_DIR") or None
    lexicon = cached_lexicon(Path(folder) if folder else None)
    out = sys.stdout.buffer
    chunk: list[bytes] = []
    for number, line in enumerate(text.splitlines(), start=1):
        findings = scan(line, lexicon)
        if args.json:
            record = {"line": number, "findings": [f.to_dict() for f in findings]}
            chunk.append(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        else:
            chunk.append((_readable(number, line, findings) + "\n").encode())
        if len(chunk) >= BATCH:
            out.write(b"".join(chunk))
            chunk.clear()
    out.write(b"".join(chunk))
    out.flush()
    return EXIT_OK
