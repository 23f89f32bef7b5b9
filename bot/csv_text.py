"""CSV text for exports (cells a spreadsheet would run as a formula made inert), and as lines of
code for a chat reply."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas; stored text is untrusted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text with a header row of `columns`, one line per row, every cell made safe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()


MAX_CSV = 2000  # characters of CSV shown in chat (Slack allows 3,000 per text block)
_LOOKALIKE = "\u02cb"  # "ˋ": a backtick in a channel name would end the code span


def code_lines(text: str, limit: int = MAX_CSV) -> tuple[str, int]:
    """CSV lines as `code` lines, whole lines only, up to `limit` characters; returns the text
    and how many data rows (after the header) it shows."""
    lines = text.splitlines()
    shown: list[str] = []
    used = 0
    for line in lines:
        if shown and used + len(line) + 1 > limit:
            break
        shown.append("`" + line.replace("`", _LOOKALIKE) + "`")
        used += len(line) + 1
    return "\n".join(shown), max(len(shown) - 1, 0)
