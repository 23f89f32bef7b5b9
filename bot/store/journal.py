"""The TinyDB store's append-only journal: one JSON line per write, replayed over the snapshot.

Files beside the snapshot `coprod.json`: `coprod.json.journal.<n>`, numbered in the order they
were started. Each line is one change, written and fsynced before its write returns:

    ["p", table, id, document]   put: remove `id` if present, then insert it at the end
    ["u", table, id, changes]    update: merge `changes` into the document at `id`
    ["d", table, [id, ...]]      delete these documents

`id` is the TinyDB document id (a string, as in the snapshot). Replaying a journal twice gives
the same state as replaying it once, so a snapshot that already holds some of a journal's
changes (a crash in the middle of a fold) is still read correctly. A last line cut short by a
crash is ignored; a damaged line anywhere else stops the store opening, naming file and line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from .base import StoreError
from .gc_pause import collector_paused

log = logging.getLogger(__name__)
Tables = dict[str, dict[str, Any]]
CHUNK = 2000  # documents serialised at a time, so a fold lets the event loop run in between


def journal_path(snapshot: Path, number: int) -> Path:
    return snapshot.with_name(f"{snapshot.name}.journal.{number}")


def journals(snapshot: Path) -> list[tuple[int, Path]]:
    """The journal files beside `snapshot`, oldest first."""
    pattern = re.compile(re.escape(snapshot.name) + r"\.journal\.(\d+)$")
    found = []
    for path in snapshot.parent.glob(f"{snapshot.name}.journal.*"):
        match = pattern.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


# ---- lines ---------------------------------------------------------------------------------


def put_line(table: str, doc_id: str, record: bytes) -> bytes:
    """The line for a put; `record` is the document's JSON, already checked by `encode`."""
    return b'["p",%s,"%s",%s]\n' % (orjson.dumps(table), doc_id.encode(), record)


def update_line(table: str, doc_id: str, changes: bytes) -> bytes:
    return b'["u",%s,"%s",%s]\n' % (orjson.dumps(table), doc_id.encode(), changes)


def delete_line(table: str, doc_ids: list[str]) -> bytes:
    return b'["d",%s,%s]\n' % (orjson.dumps(table), orjson.dumps(doc_ids))


class _Bad(Exception):
    """A change that is not one of the three shapes above."""


def apply(data: Tables, op: Any) -> None:
    """Apply one change to the in-memory tables (the same code for writes and for replay)."""
    if type(op) is not list or len(op) < 3 or type(op[1]) is not str:
        raise _Bad("not a change")
    kind = op[0]
    rows: dict[str, Any] | None
    if kind == "p" and len(op) == 4 and type(op[2]) is str and type(op[3]) is dict:
        rows = data.setdefault(op[1], {})
        rows.pop(op[2], None)
        rows[op[2]] = op[3]
    elif kind == "u" and len(op) == 4 and type(op[2]) is str and type(op[3]) is dict:
        rows = data.get(op[1])
        if rows is not None and op[2] in rows:
            rows[op[2]] = {**rows[op[2]], **op[3]}  # a new dict: a fold may be reading the old
    elif kind == "d" and len(op) == 3 and type(op[2]) is list:
        rows = data.get(op[1])
        if rows is not None:
            for doc_id in op[2]:
                rows.pop(doc_id, None)
    else:
        raise _Bad("not a change coprod writes")


# ---- replay --------------------------------------------------------------------------------


def replay(data: Tables, path: Path) -> tuple[int, int]:
    """Apply the journal at `path` to `data`. Returns (bytes of whole lines kept, changes).

    A damaged last line (cut short by a crash) is left out, with a warning; the caller truncates
    the file to the returned size before appending. A damaged line before the last raises
    StoreError naming the file and the line."""
    raw = path.read_bytes()
    end = raw.rfind(b"\n") + 1
    body, tail = raw[:end], raw[end:]
    if tail:
        log.warning(
            "Ignored the unfinished last line of %s (%d bytes, cut short by a crash)",
            path,
            len(tail),
        )
    if not body:
        return 0, 0
    with collector_paused():  # millions of new containers: the collector would rescan them all
        try:  # fast path: every whole line at once, as one JSON array
            ops = orjson.loads(b"[" + body[:-1].replace(b"\n", b",") + b"]")
            for op in ops:
                apply(data, op)
            return end, len(ops)
        except (orjson.JSONDecodeError, _Bad, TypeError, AttributeError):
            pass  # find the damaged line; replaying what was applied again changes nothing
        return _replay_lines(data, path, body)


def _replay_lines(data: Tables, path: Path, body: bytes) -> tuple[int, int]:
    lines = body.split(b"\n")[:-1]
    good: list[Any] = []
    kept = 0
    for number, line in enumerate(lines, start=1):
        try:
            op = orjson.loads(line)
            apply({}, op)  # check its shape on a scratch table
        except (orjson.JSONDecodeError, _Bad, TypeError, AttributeError) as exc:
            if number == len(lines):  # the last line: a crash, not damage
                log.warning("Ignored the damaged last line %d of %s (%s)", number, path, exc)
                break
            raise StoreError(
                f"{path}, line {number} of {len(lines)}, is damaged ({exc}); the store did not "
                "open. Restore the store's files from a backup, or delete that line to lose "
                "only that change, then start coprod again."
            ) from None
        good.append(op)
        kept += len(line) + 1
    for op in good:
        apply(data, op)
    return kept, len(good)


# ---- snapshots -----------------------------------------------------------------------------


def snapshot_chunks(data: Tables) -> Iterator[bytes]:
    """`data` as TinyDB's JSON, in pieces of CHUNK documents (so other threads run between)."""
    yield b"{"
    for index, (table, rows) in enumerate(data.items()):
        yield (b"," if index else b"") + orjson.dumps(table) + b":{"
        items = iter(rows.items())
        first = True
        while chunk := dict(islice(items, CHUNK)):
            yield (b"" if first else b",") + orjson.dumps(chunk)[1:-1]
            first = False
        yield b"}"
    yield b"}"


def read_state(snapshot: Path) -> Tables:
    """The store's documents as the files on disk hold them: snapshot plus journals. For
    tests and tools; it takes no lock and changes nothing."""
    raw = snapshot.read_bytes() if snapshot.exists() else b""
    data: Tables = orjson.loads(raw) if raw else {}
    for _, path in journals(snapshot):
        replay(data, path)
    return data
