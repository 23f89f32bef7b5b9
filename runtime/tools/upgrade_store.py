"""`python app.py upgrade-store`: apply the store's schema migrations now, then exit."""

from __future__ import annotations

import argparse
import asyncio

from bot.store import is_postgres, open_store
from bot.store.postgres import PostgresStore

from ..cli import EXIT_OK, subcommand
from ..settings import load_settings


async def upgrade(url: str) -> list[str]:
    store = await open_store(url)
    await store.close()
    assert isinstance(store, PostgresStore)
    return [f"{m.version:04d}_{m.name}" for m in store.applied]


@subcommand("upgrade-store", "apply the store's schema migrations (COPROD_DB) and exit")
def upgrade_store_cmd(_args: argparse.Namespace) -> int:
    url = load_settings().COPROD_DB
    if not is_postgres(url):
        print("COPROD_DB is a TinyDB file; it has no schema to migrate.")
        return EXIT_OK
    applied = asyncio.run(upgrade(url))
    if applied:
        print("Applied: " + ", ".join(applied))
    else:
        print("The database schema is already up to date.")
    return EXIT_OK
