"""`/healthz` answers 503 while the store cannot write, and 200 again once it can."""

from __future__ import annotations

import errno
import os

import pytest

from bot.store import StoreError
from tests.conftest import Chat


async def test_healthz_is_503_while_the_disk_refuses_writes(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = chat.runtime.store
    async with chat.session.get(f"{chat.base}/healthz") as resp:
        assert resp.status == 200
    real_fsync = os.fsync

    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(StoreError, match="cannot write"):
        await store.put("t", "a", {"v": 1})
    async with chat.session.get(f"{chat.base}/healthz") as resp:
        assert resp.status == 503
        body = await resp.json()
    assert body["ok"] is False and "cannot write" in body["store"]
    assert "Traceback" not in str(body)
    monkeypatch.setattr(os, "fsync", real_fsync)
    async with chat.session.get(f"{chat.base}/healthz") as resp:
        assert resp.status == 200  # the disk is back: the store says so
    await store.put("t", "b", {"v": 2})
    assert await store.get("t", "b") == {"v": 2, "_key": "b"}
