"""Storage behind one small interface: TinyDB by default, chosen by COPROD_DB."""

from __future__ import annotations

from .base import Doc, Store, StoreError
from .tiny import TinyStore


async def open_store(url: str) -> Store:
    """Open the store named by COPROD_DB: a file path for TinyDB."""
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError("COPROD_DB: PostgreSQL is not available in this build; use a file path")
    return await TinyStore(url).open()


__all__ = ["Doc", "Store", "StoreError", "TinyStore", "open_store"]
