"""Storage behind one small interface: TinyDB by default, PostgreSQL for several replicas."""

from __future__ import annotations

from .base import BadDocument, Doc, Store, StoreError
from .tiny import TinyStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(url: str) -> bool:
    return url.startswith(POSTGRES_SCHEMES)


async def open_store(url: str) -> Store:
    """Open the store named by COPROD_DB: a postgresql:// address, or a file path for TinyDB."""
    if is_postgres(url):
        from .postgres import PostgresStore

        return await PostgresStore(url).open()
    return await TinyStore(url).open()


__all__ = ["BadDocument", "Doc", "Store", "StoreError", "TinyStore", "is_postgres", "open_store"]
