"""The PostgreSQL store's migrations (`migrations/*.sql`), applied once under an advisory lock."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg

log = logging.getLogger("bot.store.postgres")
# pg_advisory_xact_lock key for migrations: "coprod" in ASCII, the same in every replica.
MIGRATION_LOCK = 0x636F70726F64


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The SQL files in `migrations/`, named NNNN_name.sql, in version order."""
    found = []
    for entry in resources.files("bot.store.migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    assert len(set(versions)) == len(versions), f"two migrations share a version: {versions}"
    return found


async def apply_migrations(conn: psycopg.AsyncConnection[Any]) -> list[Migration]:
    """Apply every migration not yet recorded in `schema_migrations`; return those applied.

    One transaction holds a transaction-level advisory lock, so a replica that starts at the
    same moment waits, then sees the migrations already recorded and applies nothing."""
    applied_now = []
    async with conn.transaction():
        await conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        await conn.execute(
            "create table if not exists schema_migrations ("
            " version integer primary key, name text not null,"
            " applied_at timestamptz not null default now())"
        )
        cur = await conn.execute("select version from schema_migrations")
        done = {row[0] for row in await cur.fetchall()}
        known = migrations()
        newer = done - {m.version for m in known}
        if newer:
            log.warning(
                "The database has schema versions this code does not know (%s); a newer "
                "coprod has run against it.",
                sorted(newer),
            )
        for migration in known:
            if migration.version in done:
                continue
            await conn.execute(migration.sql)
            await conn.execute(
                "insert into schema_migrations (version, name) values (%s, %s)",
                (migration.version, migration.name),
            )
            applied_now.append(migration)
    for migration in applied_now:
        log.info("Applied store migration %04d_%s", migration.version, migration.name)
    return applied_now
