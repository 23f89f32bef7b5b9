"""The `bot` test helper: a `Core` on a temp store with a fake clock and the fake adapter, driven
in-process (`say`, `click`, `posted`, `tick`), with no HTTP server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adapters.fake import EVERYTHING, FakeAdapter, Post
from bot.adapter import Capabilities, Origin
from bot.clock import FakeClock
from bot.core import Core
from bot.model import CardAction, ChatKind, Command, ConversationRef, Platform, Reply, User
from bot.nudges.scheduler import Scheduler, TickReport
from bot.prompts import load_pack
from bot.settings import Settings
from bot.store import Store, TinyStore
from runtime.features import FEATURES

Person = str | User


def person(who: Person) -> User:
    return who if isinstance(who, User) else User(who, who)


@dataclass
class FakeBot:
    """Talks to the core as a platform would, through `FakeAdapter`. `say` and `click` return
    the core's replies (also delivered to `adapter.answers`); `posted()` is what the bot posted
    on its own; `tick()` runs one scheduler tick at the fake clock's time."""

    core: Core
    adapter: FakeAdapter
    clock: FakeClock
    store: Store
    _scheduler: Scheduler | None = field(default=None, repr=False)

    def ref(self, channel: str = "general", *, direct: bool = False) -> ConversationRef:
        kind = ChatKind.DIRECT if direct else ChatKind.CHANNEL
        platform = self.adapter.platform
        return ConversationRef(platform, str(platform), channel, kind=kind, channel_name=channel)

    async def say(
        self,
        text: str,
        *,
        user: Person = "alex",
        channel: str = "general",
        ref: ConversationRef | None = None,
    ) -> list[Reply]:
        """`/coprod <text>` (the `/coprod ` is optional) from `user` in `channel` (or `ref`)."""
        where = ref or self.ref(channel)
        text = "" if text == "/coprod" else text.removeprefix("/coprod ")
        event = Command(where, person(user), text=text)
        return await self._handle(where, event)

    async def click(
        self,
        action: str,
        value: dict[str, str] | None = None,
        *,
        user: Person = "alex",
        channel: str = "general",
        ref: ConversationRef | None = None,
    ) -> list[Reply]:
        """A button `action` with `value` pressed by `user` in `channel` (or `ref`)."""
        where = ref or self.ref(channel)
        event = CardAction(where, person(user), action_id=action, value=value or {})
        return await self._handle(where, event)

    def posted(self, channel: str | None = None, *, user: str | None = None) -> list[Post]:
        """What the bot posted on its own (nudges, follow-ups), oldest first."""
        return self.adapter.posted(channel, user=user)

    async def tick(self, **options: Any) -> TickReport:
        """One scheduler tick (the scheduler is made on the first tick, with `options`)."""
        if self._scheduler is None:
            self._scheduler = Scheduler(self.core, **options)
        return await self._scheduler.tick()

    async def _handle(self, ref: ConversationRef, event: Command | CardAction) -> list[Reply]:
        replies = await self.core.handle(event)
        await self.adapter.reply(Origin(ref, event.user), replies)
        return replies


async def open_fake_bot(
    settings: Settings,
    path: Path,
    clock: FakeClock,
    *,
    adapter: FakeAdapter | None = None,
    capabilities: Capabilities = EVERYTHING,
    platform: Platform = Platform.LOCAL,
) -> FakeBot:
    """A `FakeBot` on a TinyDB store at `path` (close it with `bot.store.close()`)."""
    store = await TinyStore(path).open()
    core = Core(
        settings=settings,
        store=store,
        pack=load_pack(settings.COPROD_PROMPTS_DIR),
        clock=clock,
        features=FEATURES,
    )
    fake = adapter or FakeAdapter(capabilities, platform=platform, clock=clock)
    core.register(fake)
    return FakeBot(core, fake, clock, store)
