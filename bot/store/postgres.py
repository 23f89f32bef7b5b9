"""The PostgreSQL store: the same interface as TinyStore, shared safely by several replicas.

Every table lives in one `documents(tbl, key, doc jsonb)` table. Each call is one SQL statement
on a pooled connection in autocommit mode, so it is atomic and durable when it returns:
`add` is INSERT … ON CONFLICT DO NOTHING and `update(expect=…)` is a single UPDATE … WHERE, so
both stay correct when several processes race on the same key. Migrations in `migrations/`
run at start-up inside one transaction that holds an advisory lock, so replicas that start
together apply each migration exactly once."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

import orjson
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from .base import Doc, StoreError
from .encode import check_name, encode, storable

log = logging.getLogger(__name__)
KEY = "_key"
# pg_advisory_xact_lock key for migrations: "coprod" in ASCII, the same in every replica.
MIGRATION_LOCK = 0x636F70726F64
CONNECT_TIMEOUT_S = 10
HEALTH_TIMEOUT_S = 3
# Text fields with an index of their own (migration 0003): `find` on them is a range scan.
INDEXED = ("channel_key",)
HINT = (
    "Check that the server is running and reachable, and the host, port, user, password and "
    "database name in COPROD_DB (it should look like postgresql://user:password@host:5432/dbname)."
)


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


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _matches(where: dict[str, Any]) -> tuple[str, list[Any]]:
    """SQL (starting with ' and') for "top-level fields equal `where`", as TinyStore compares.

    Scalars go into one `doc @> {...}` test, which the GIN index serves. Containment is looser
    than equality for lists and objects, so those are also compared exactly; None matches a
    null or a missing field, as `dict.get` does."""
    if not where:
        return "", []
    contained: dict[str, Any] = {}
    sql: list[str] = []
    params: list[Any] = []
    for field, value in where.items():
        if value is None:
            sql.append(" and coalesce(doc -> %s::text, 'null'::jsonb) = 'null'::jsonb")
            params.append(field)
            continue
        contained[field] = value
        if isinstance(value, list | dict):
            sql.append(" and doc -> %s::text = %s::jsonb")
            params += [field, _dumps(value)]
    if contained:
        sql.insert(0, " and doc @> %s::jsonb")
        params.insert(0, _dumps(contained))
    for field in INDEXED:  # implied by the containment test; lets the planner use the index
        if isinstance(where.get(field), str):
            sql.insert(0, f" and doc ? '{field}' and doc ->> '{field}' = %s")
            params.insert(0, where[field])
    return "".join(sql), params


def redact(text: str) -> str:
    """Hide any password that a connection error might echo back."""
    text = re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text)


def _reason(exc: BaseException) -> str:
    """The error's own words on one line, without SQL excerpts or passwords."""
    lines: list[str] = []
    for line in str(exc).splitlines():
        if line.startswith(("LINE ", " ")) and lines:
            break
        lines.append(line.strip())
    text = re.sub(r"\s+", " ", redact(" ".join(lines))).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _where_to(conninfo: str) -> str:
    try:
        parts = conninfo_to_dict(conninfo)
    except psycopg.Error:
        return "PostgreSQL"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    db = parts.get("dbname") or parts.get("user") or "(default database)"
    return f"PostgreSQL at {host}:{port}, database {db}"


async def _configure(conn: psycopg.AsyncConnection[Any]) -> None:
    set_json_loads(orjson.loads, conn)


class PostgresStore:
    """The Store interface on PostgreSQL (psycopg 3, async, with a connection pool)."""

    shared = True  # several processes may use one database at once (replicas)

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 10) -> None:
        self.url = url
        self.min_size = min_size
        self.max_size = max_size
        self._pool: AsyncConnectionPool | None = None
        self.applied: list[Migration] = []  # migrations this open() applied

    # ---- lifecycle -------------------------------------------------------------------------

    def _conninfo(self) -> str:
        try:
            given = conninfo_to_dict(self.url)
        except psycopg.Error as exc:
            raise StoreError(
                f"COPROD_DB is not a valid PostgreSQL address: {_reason(exc)} "
                "It should look like postgresql://user:password@host:5432/dbname."
            ) from None
        extra: dict[str, Any] = {}
        if "connect_timeout" not in given:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in given:
            extra["application_name"] = "coprod"
        return make_conninfo(self.url, **extra)

    async def open(self) -> PostgresStore:
        conninfo = self._conninfo()
        where = _where_to(conninfo)
        try:
            conn = await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            reason = _reason(exc)
            raise StoreError(f"COPROD_DB: cannot connect to {where}: {reason} {HINT}") from None
        try:
            self.applied = await apply_migrations(conn)
        except psycopg.Error as exc:
            reason = _reason(exc)
            raise StoreError(
                f"COPROD_DB: cannot prepare coprod's tables in {where}: {reason} The user in "
                "COPROD_DB needs rights to create tables in that database."
            ) from None
        finally:
            await conn.close()
        pool = AsyncConnectionPool(
            conninfo,
            min_size=self.min_size,
            max_size=self.max_size,
            kwargs={"autocommit": True},
            configure=_configure,
            open=False,
            name="coprod-store",
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout:
            await pool.close()
            raise StoreError(f"COPROD_DB: {where} stopped accepting connections. {HINT}") from None
        self._pool = pool
        return self

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    # ---- plumbing --------------------------------------------------------------------------

    async def _execute(self, sql: str, params: list[Any]) -> psycopg.AsyncCursor[Any]:
        assert self._pool is not None, "store is not open"
        async with self._pool.connection() as conn:
            return await conn.execute(sql, params)

    async def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        assert self._pool is not None, "store is not open"
        async with self._pool.connection() as conn:
            cur = await conn.execute(sql, params)
            return await cur.fetchall()

    # ---- Store interface -------------------------------------------------------------------

    async def get(self, table: str, key: str) -> Doc | None:
        if not storable(table) or not storable(key):
            return None  # no stored key holds such text
        rows = await self._rows(
            "select doc from documents where tbl = %s and key = %s", [table, key]
        )
        return rows[0][0] if rows else None

    async def put(self, table: str, key: str, doc: Doc) -> None:
        check_name(table, key)
        await self._execute(
            "insert into documents (tbl, key, doc) values (%s, %s, %s::jsonb)"
            " on conflict (tbl, key) do update set doc = excluded.doc, seq = excluded.seq",
            [table, key, encode({**doc, KEY: key}).decode()],
        )

    async def add(self, table: str, key: str, doc: Doc) -> bool:
        check_name(table, key)
        cur = await self._execute(
            "insert into documents (tbl, key, doc) values (%s, %s, %s::jsonb)"
            " on conflict (tbl, key) do nothing",
            [table, key, encode({**doc, KEY: key}).decode()],
        )
        return cur.rowcount == 1

    async def update(
        self, table: str, key: str, changes: Doc, *, expect: Doc | None = None
    ) -> bool:
        merged = encode({k: v for k, v in changes.items() if k != KEY}).decode()
        if not storable(table) or not storable(key) or not _storable_where(expect or {}):
            return False
        cond, params = _matches(expect or {})
        cur = await self._execute(
            "update documents set doc = doc || %s::jsonb where tbl = %s and key = %s" + cond,
            [merged, table, key, *params],
        )
        return cur.rowcount == 1

    async def delete(self, table: str, key: str) -> bool:
        if not storable(table) or not storable(key):
            return False
        cur = await self._execute("delete from documents where tbl = %s and key = %s", [table, key])
        return cur.rowcount == 1

    async def find(self, table: str, **where: Any) -> list[Doc]:
        if not storable(table) or not _storable_where(where):
            return []
        cond, params = _matches(where)
        rows = await self._rows(
            "select doc from documents where tbl = %s" + cond + " order by seq", [table, *params]
        )
        return [row[0] for row in rows]

    async def find_upto(self, table: str, field: str, upto: float, **where: Any) -> list[Doc]:
        if not storable(table) or not storable(field) or not _storable_where(where):
            return []
        cond, params = _matches(where)
        query = _upto("select doc", field, cond) + sql.SQL(" order by doc -> {f}, seq").format(
            f=sql.Literal(field)
        )
        assert self._pool is not None, "store is not open"
        async with self._pool.connection() as conn:
            cur = await conn.execute(query, [table, _dumps(upto), *params])
            return [row[0] for row in await cur.fetchall()]

    async def delete_where(self, table: str, **where: Any) -> int:
        if not storable(table) or not _storable_where(where):
            return 0
        cond, params = _matches(where)
        cur = await self._execute("delete from documents where tbl = %s" + cond, [table, *params])
        return cur.rowcount

    async def delete_upto(self, table: str, field: str, upto: float, **where: Any) -> int:
        if not storable(table) or not storable(field) or not _storable_where(where):
            return 0
        cond, params = _matches(where)
        assert self._pool is not None, "store is not open"
        async with self._pool.connection() as conn:
            cur = await conn.execute(_upto("delete", field, cond), [table, _dumps(upto), *params])
            return cur.rowcount

    async def count(self, table: str, **where: Any) -> int:
        if not storable(table) or not _storable_where(where):
            return 0
        cond, params = _matches(where)
        rows = await self._rows(
            "select count(*) from documents where tbl = %s" + cond, [table, *params]
        )
        return int(rows[0][0])

    async def now(self) -> datetime:
        """The database server's clock (`clock_timestamp()`, not the transaction's `now()`):
        the one clock every replica shares, for claims (see `bot.nudges.claims`)."""
        rows = await self._rows("select clock_timestamp()", [])
        return rows[0][0]

    async def tables(self) -> list[str]:
        rows = await self._rows("select distinct tbl from documents order by tbl", [])
        return [row[0] for row in rows]

    async def health(self) -> str | None:
        """Whether the server takes a write now (a primary, reachable within a few seconds)."""
        if self._pool is None:
            return "not open"
        try:
            async with self._pool.connection(timeout=HEALTH_TIMEOUT_S) as conn:
                cur = await conn.execute("select pg_is_in_recovery()")
                row = await cur.fetchone()
        except (psycopg.Error, PoolTimeout) as exc:
            return f"cannot reach PostgreSQL: {_reason(exc)}"
        if row and row[0]:
            return "cannot write: the PostgreSQL server is a read-only standby."
        return None


def _upto(verb: str, field: str, cond: str) -> sql.Composed:
    """`verb` (select doc, or delete) of the documents whose numeric `field` is at most %s.
    The field is a literal, so the planner can use the partial index on `due_ts`."""
    return sql.SQL(
        verb + " from documents where tbl = %s and doc ? {f} and doc -> {f} <= %s::jsonb"
        " and jsonb_typeof(doc -> {f}) = 'number'" + cond
    ).format(f=sql.Literal(field))


def _storable_where(where: dict[str, Any]) -> bool:
    """False when a filter holds text no stored document can hold (so nothing matches)."""
    try:
        encode(where)
    except StoreError:
        return False
    return all(storable(k) for k in where)
