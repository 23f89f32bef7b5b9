"""Every card the core can produce, made by running real commands: the input to the renderers'
snapshot tests. A feature that adds a card adds the command (and any set-up) here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from bot.clock import FakeClock
from bot.core import Core
from bot.model import Card, Command, ConversationRef, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore

REF = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
ADMIN = User("ada", "Ada")

# (snapshot name, who, command text). Keep names stable: they are snapshot file names.
COMMANDS: list[tuple[str, User, str]] = [
    ("help", User("alex"), "help"),
    ("principles", User("alex"), "principles"),
    ("principle-5", User("alex"), "principle 5"),
    ("privacy", User("alex"), "privacy"),
    ("reflect-4", User("alex"), "reflect 4"),
    ("nudges", User("alex"), "nudges"),
]


async def cards(tmp_path: Path) -> AsyncIterator[tuple[str, Card]]:
    """Yield (name, card) for every card in the catalogue, in order."""
    store = await TinyStore(tmp_path / "catalogue.json").open()
    core = Core(
        settings=load_settings(COPROD_ADMINS="local:ada", COPROD_DB=str(tmp_path / "x.json")),
        store=store,
        pack=load_pack(),
        clock=FakeClock(),
    )
    try:
        for name, user, text in COMMANDS:
            replies = await core.handle(Command(REF, user, text=text))
            found = [r.card for r in replies if r.card is not None]
            assert found, f"catalogue entry {name!r} produced no card"
            for i, card in enumerate(found):
                yield (name if i == 0 else f"{name}-{i}"), card
    finally:
        await store.close()
