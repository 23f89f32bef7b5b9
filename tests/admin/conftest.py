"""Admin test helpers: the shared `FakeBot` with admin defaults, people of every kind, and store
snapshots."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from adapters.fake import FakeAdapter
from bot.clock import FakeClock
from bot.core import Core
from bot.model import ConversationRef, Platform, Reply, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES
from tests.fakebot import FakeBot

HOME = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
HOME2 = ConversationRef(Platform.LOCAL, "local", "random", channel_name="random")
AWAY = ConversationRef(Platform.LOCAL, "elsewhere", "general", channel_name="general")
ADA = User("ada", "Ada")  # in COPROD_ADMINS as local:ada
BOB = User("bob", "Bob")  # an ordinary member
GAIL = User("gail", "Gail", is_guest=True, platform_admin=True)  # a guest: never an admin
OWEN = User("owen", "Owen", platform_admin=True)  # an admin of the other workspace
# Tables that change on every event whoever sends it (conversation references for proactive
# posts); they hold no admin state.
UNTRACKED = {"conversations"}


class Bot(FakeBot):
    """The shared `FakeBot`, driven with admin defaults (Ada at home), for guests and other
    workspaces; made as `Bot(core, store)`."""

    def __init__(self, core: Core, store: TinyStore, clock: FakeClock | None = None) -> None:
        clock = clock or FakeClock()
        super().__init__(core, FakeAdapter(clock=clock), clock, store)
        core.register(self.adapter)
        self.sent: list[Reply] = []

    async def run(self, text: str, *, user: User = ADA, ref: ConversationRef = HOME) -> list[Reply]:
        return await self.say(text, user=user, ref=ref)

    async def click(  # type: ignore[override]
        self,
        action_id: str,
        value: dict[str, str],
        *,
        user: User = ADA,
        ref: ConversationRef = HOME,
    ) -> list[Reply]:
        return await super().click(action_id, value, user=user, ref=ref)

    async def snapshot(self, scope: str | None = None) -> dict[str, Any]:
        """Every stored document (optionally only one scope's), for before/after comparisons."""
        out: dict[str, Any] = {}
        for table in await self.store.tables():
            if table in UNTRACKED:
                continue
            docs = await self.store.find(table)
            if scope is not None:
                docs = [d for d in docs if d.get("scope") == scope]
            if docs:  # a table another workspace created holds nothing of this one
                out[table] = sorted(docs, key=lambda d: d["_key"])
        return out


async def make_bot(tmp_path: Path, **settings: Any) -> Bot:
    values = {"COPROD_ADMINS": "local:ada", "COPROD_DB": str(tmp_path / "unused.json")}
    values.update(settings)
    loaded = load_settings(**values)
    store = await TinyStore(tmp_path / "admin.json").open()
    clock = FakeClock()
    core = Core(
        features=FEATURES,
        settings=loaded,
        store=store,
        pack=load_pack(loaded.COPROD_PROMPTS_DIR),
        clock=clock,
    )
    return Bot(core, store, clock)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Bot]:
    made = await make_bot(tmp_path)
    yield made
    await made.store.close()


def text_of(replies: list[Reply]) -> str:
    """Every visible word of some core replies (text and card blocks)."""
    parts: list[str] = []
    for r in replies:
        parts.append(r.text)
        if r.card:
            parts.append(r.card.title)
            parts.extend(str(b) for b in r.card.blocks)
    return "\n".join(parts)
