"""Store fixtures: a `store` on each backend, and a fresh PostgreSQL schema for every test.

The PostgreSQL server comes from COPROD_TEST_POSTGRES (default: the machine's own server on
127.0.0.1:5432, database `test`, user postgres or root). When it cannot be reached, the
PostgreSQL tests are skipped with the reason, except in CI (env CI set), where they fail."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from bot.store import Store, TinyStore
from bot.store.postgres import PostgresStore

ENV = "COPROD_TEST_POSTGRES"
DEFAULTS = (
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
)
BACKENDS = ["tinydb", "postgresql"]


def _find_server() -> tuple[str | None, str]:
    candidates = [os.environ[ENV]] if os.environ.get(ENV) else list(DEFAULTS)
    errors = []
    for url in candidates:
        try:
            with psycopg.connect(url, connect_timeout=3) as conn:
                conn.execute("select 1")
            return url, ""
        except psycopg.Error as exc:
            errors.append(f"{url}: {str(exc).splitlines()[0]}")
    return None, "; ".join(errors)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The base URL of a reachable PostgreSQL server."""
    url, why = _find_server()
    if url is None:
        message = (
            f"PostgreSQL is not reachable ({why}). Start it (.ci/run does), or set {ENV}="
            "postgresql://user:password@host:5432/dbname to use another server."
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


def with_search_path(url: str, schema: str) -> str:
    """`url` with its connections confined to `schema` (libpq's `options` parameter)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}', safe='')}"


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose tables live in a new, empty schema, dropped after the test."""
    schema = f"coprod_test_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'create schema "{schema}"')
    try:
        yield with_search_path(postgres_server, schema)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f'drop schema if exists "{schema}" cascade')


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A COPROD_DB value for a fresh, empty store on each backend."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "data" / "coprod.json")


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    opened: Store
    if store_url.startswith("postgresql://"):
        opened = await PostgresStore(store_url).open()
    else:
        opened = await TinyStore(store_url).open()
    try:
        yield opened
    finally:
        await opened.close()
