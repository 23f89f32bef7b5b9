"""The PostgreSQL store: the same interface as TinyStore, shared safely by several replicas.

Every table lives in one `documents(tbl, key, doc jsonb)` table. Each call is one SQL statement
on a pooled connection in autocommit mode, so it is atomic and durable when it returns:
`add` is INSERT … ON CONFLICT DO NOTHING and `update(expect=…)` is a single UPDATE … WHERE, so
both stay correct when several processes race on the same key. Migrations in `migrations/`
run at start-up inside one transaction that holds an advisory lock, so replicas that start
together apply each migration exactly once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from .base import Doc, StoreError, pick
from .encode import check_name, encode, storable
from .pg_errors import _reason, _where_to, redact
from .pg_migrations import Migration, apply_migrations, migrations
from .pg_sql import _dumps, _fields_select, _matches, _storable_where, _upto

__all__ = ["Migration", "PostgresStore", "_matches", "apply_migrations", "migrations", "redact"]

log = logging.getLogger(__name__)
KEY = "_key"
CONNECT_TIMEOUT_S = 10
HEALTH_TIMEOUT_S = 3
HINT = (
    "Check that the server is running and reachable, and the host, port, user, password and "
    "database name in COPROD_DB (it should look like postgresql://user:password@host:5432/dbname)."
)


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

    async def find_fields(
        self, table: str, fields: Sequence[str], /, **where: Any
    ) -> list[tuple[Any, ...]]:
        if not storable(table) or not _storable_where(where):
            return []
        cond, params = _matches(where)
        rows = await self._rows(_fields_select(cond), [table, *params])
        return pick(rows[0][0] or (), fields)

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
