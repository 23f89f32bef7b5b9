"""`python app.py migrate-store --from A --to B`: copy every document between two stores.

Either side may be a TinyDB file or a postgresql:// address, so the same command moves a
TinyDB store to PostgreSQL and takes a PostgreSQL store back to a file. The copy refuses a
target that already holds documents unless `--force`, which deletes them first. Afterwards it
prints the documents per table on both sides and exits 2 if any table differs."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from typing import TextIO

from bot.store import Doc, Store, open_store
from bot.store.postgres import PostgresStore, redact

from ..cli import EXIT_BAD_INPUT, EXIT_OK, fail, subcommand

KEY = "_key"
# Writes in flight at once. TinyDB runs them in submission order on its one thread and shares
# a flush between them. On PostgreSQL parallel writes would land out of order, and `find`
# returns insertion order, so there they go one at a time.
PARALLEL = 16


@dataclass(frozen=True)
class TableCheck:
    table: str
    source: int
    target: int
    same_documents: bool

    @property
    def ok(self) -> bool:
        return self.source == self.target and self.same_documents


async def copy_table(source: Store, target: Store, table: str) -> int:
    docs = await source.find(table)
    gate = asyncio.Semaphore(1 if isinstance(target, PostgresStore) else PARALLEL)

    async def put(doc: Doc) -> None:
        async with gate:
            await target.put(table, str(doc[KEY]), {k: v for k, v in doc.items() if k != KEY})

    await asyncio.gather(*(put(doc) for doc in docs))
    return len(docs)


async def compare(source: Store, target: Store) -> list[TableCheck]:
    """Per table: the count on each side, and whether the documents are identical."""
    checks = []
    for table in sorted(set(await source.tables()) | set(await target.tables())):
        here = {d[KEY]: d for d in await source.find(table)}
        there = {d[KEY]: d for d in await target.find(table)}
        checks.append(TableCheck(table, len(here), len(there), here == there))
    return checks


def report(checks: list[TableCheck], source_name: str, target_name: str, out: TextIO) -> None:
    width = max([len("table"), *(len(c.table) for c in checks)])
    print(f"{'table':<{width}}  {'from':>8}  {'to':>8}", file=out)
    for c in checks:
        note = "" if c.ok else ("  DIFFERENT" if c.source == c.target else "  COUNTS DIFFER")
        print(f"{c.table:<{width}}  {c.source:>8}  {c.target:>8}{note}", file=out)
    total_from = sum(c.source for c in checks)
    total_to = sum(c.target for c in checks)
    print(f"{'total':<{width}}  {total_from:>8}  {total_to:>8}", file=out)
    print(f"from: {source_name}\nto:   {target_name}", file=out)


async def migrate(source_url: str, target_url: str, *, force: bool, out: TextIO) -> int:
    source = await open_store(source_url)
    try:
        target = await open_store(target_url)
        try:
            existing = {t: await target.count(t) for t in await target.tables()}
            if existing and not force:
                held = ", ".join(f"{t} ({n})" for t, n in existing.items())
                return fail(
                    f"The target already holds documents: {held}. Nothing was copied. Use an "
                    "empty database, or add --force to delete those documents and copy again."
                )
            for table in existing:
                await target.delete_where(table)
            for table in await source.tables():
                await copy_table(source, target, table)
            checks = await compare(source, target)
        finally:
            await target.close()
    finally:
        await source.close()
    report(checks, redact(source_url), redact(target_url), out)
    bad = [c.table for c in checks if not c.ok]
    if bad:
        return fail(f"The copy does not match the source in: {', '.join(bad)}.")
    print(f"All {sum(c.source for c in checks)} documents copied; every table matches.", file=out)
    return EXIT_OK


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="source", required=True, help="the store to copy: a file or postgresql://…"
    )
    parser.add_argument(
        "--to", dest="target", required=True, help="where to copy it: postgresql://… or a file"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="delete any documents the target already holds before copying",
    )


@subcommand(
    "migrate-store",
    "copy every document from one store to another (e.g. TinyDB to PostgreSQL)",
    _arguments,
)
def migrate_store_cmd(args: argparse.Namespace) -> int:
    if args.source == args.target:
        return fail("--from and --to name the same store; give two different stores.")
    result = asyncio.run(migrate(args.source, args.target, force=args.force, out=sys.stdout))
    return EXIT_BAD_INPUT if result != EXIT_OK else EXIT_OK
