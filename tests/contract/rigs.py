"""One rig per adapter for the contract suite: the adapter on a core, the fake platform it talks
to, and what reached that platform, read back as neutral `Wire` records."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from adapters.fake import FakeAdapter
from adapters.local import LocalAdapter
from adapters.local.adapter import Asked
from adapters.local.history import History
from adapters.slack import SlackAdapter
from adapters.slack.origin import Origin as SlackOrigin
from bot.adapter import Adapter, Origin
from bot.clock import FakeClock
from bot.core import Core
from bot.model import Card, CardAction, ChatKind, ConversationRef, Platform, Text, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES
from tests.adapters.slack.conftest import FakeSlack, serve_fake_slack, slack_settings
from tests.adapters.teams.conftest import BOT_ID
from tests.adapters.teams.fake_connector import FakeConnector

SECRET = "only-for-alex-7f3a"
ALEX = {"slack": "U2147483697", "teams": "29:alex"}


@dataclass
class Wire:
    """One message as the platform got it: the conversation (`where`), its thread, the text a
    notification shows, whether everyone there sees it, and the raw body."""

    where: str
    thread: str | None
    text: str
    public: bool
    body: Any


@dataclass
class Rig:
    name: str
    adapter: Adapter
    ref: Callable[[], ConversationRef]
    seen: Callable[[], list[Wire]]
    updated: Callable[[str, str], bool]  # (message id, new fallback): replaced at the wire?
    refuse: Callable[[], bool]  # make the next post fail; False when the platform cannot
    reset: Callable[[], None]
    close: Callable[[], Awaitable[None]]
    thread_id: str = "1700000000.000100"
    extra: dict[str, Any] = field(default_factory=dict)
    # The origin the adapter makes when `user` acts in `ref` (on the post `message_id`).
    origin: Callable[[ConversationRef, User, str | None], Origin] = Origin


async def _core(path: Path, **settings: Any) -> Core:
    path.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 (once per module, a temp dir)
    loaded = settings.pop("loaded", None) or load_settings(
        COPROD_DB=str(path / "coprod.json"), **settings
    )
    store = await TinyStore(path / "coprod.json").open()
    pack = load_pack(loaded.COPROD_PROMPTS_DIR)
    return Core(settings=loaded, store=store, pack=pack, clock=FakeClock(), features=FEATURES)


async def fake_rig(path: Path) -> Rig:
    core = await _core(path)
    adapter = FakeAdapter(clock=FakeClock())
    core.register(adapter)
    ref = ConversationRef(Platform.LOCAL, "local", "general")

    def seen() -> list[Wire]:
        return [
            Wire(p.ref.channel, p.ref.thread, p.text, p.recipient is None, p.reply)
            for p in (*adapter.posts, *adapter.answers)
        ]

    def updated(message_id: str, fallback: str) -> bool:
        posts = (*adapter.posts, *adapter.answers)
        return any(p.message_id == message_id and p.text == fallback for p in posts)

    def refuse() -> bool:
        adapter.refusing = True
        return True

    def reset() -> None:
        adapter.posts.clear()
        adapter.answers.clear()
        adapter.refusing = False

    return Rig("fake", adapter, lambda: ref, seen, updated, refuse, reset, core.store.close)


async def local_rig(path: Path) -> Rig:
    core = await _core(path)
    adapter = LocalAdapter()
    core.register(adapter)
    ref = ConversationRef(Platform.LOCAL, "local", "general")

    def seen() -> list[Wire]:
        return [
            Wire(e.channel, None, e.body["fallback_text"], e.recipient is None, e.body)
            for e in adapter.history.all()
        ]

    def reset() -> None:
        adapter.history = History()

    async def close() -> None:
        await adapter.stop()
        await core.store.close()

    return Rig(
        "local",
        adapter,
        lambda: ref,
        seen,
        lambda _m, _f: False,
        lambda: False,
        reset,
        close,
        origin=Asked,
    )


async def slack_rig(path: Path) -> Rig:
    fake = FakeSlack()
    listener = await serve_fake_slack(fake)
    fake.channels.add("C0CONTRACT")
    core = await _core(path, loaded=slack_settings(path, fake))
    adapter = SlackAdapter(core, core.settings)
    core.register(adapter)
    ref = ConversationRef(Platform.SLACK, "T0001", "C0CONTRACT")
    posting = {"chat.postMessage", "chat.postEphemeral"}

    def seen() -> list[Wire]:
        out = []
        for call in fake.calls:
            if call.method not in posting:
                continue
            body = call.body
            channel = str(body.get("channel"))
            public = call.method == "chat.postMessage" and not channel.startswith("D")
            text = str(body.get("text") or "")
            out.append(Wire(channel, body.get("thread_ts"), text, public, body))
        return out

    def updated(message_id: str, fallback: str) -> bool:
        return any(
            b.get("ts") == message_id and fallback in str(b.get("text"))
            for b in fake.of("chat.update")
        )

    def refuse() -> bool:
        fake.fail("chat.postMessage", error="restricted_action")
        return True

    def reset() -> None:
        fake.calls.clear()
        fake.history.clear()
        fake._failures.clear()

    async def close() -> None:
        await adapter.stop()
        await core.store.close()
        await listener.stop()

    def origin(where: ConversationRef, user: User, message_id: str | None) -> Origin:
        # As `handlers.SlackHandlers` makes it for a click without a response URL.
        return SlackOrigin(where.in_thread(None), user, message_id, thread=where.thread)

    return Rig("slack", adapter, lambda: ref, seen, updated, refuse, reset, close, origin=origin)


async def teams_rig(path: Path) -> Rig:
    from adapters.teams.retry import RetryPolicy
    from adapters.teams.wiring import wire

    connector = FakeConnector()
    await connector.start()
    core = await _core(path)
    adapter = wire(web.Application(), core, core.settings)
    adapter.outbound.policy = RetryPolicy(base=0.001, cap=0.05)
    core.register(adapter)
    channel = "19:general0@thread.tacv2"
    ref = ConversationRef(
        Platform.TEAMS,
        "tenant-one",
        channel,
        ChatKind.CHANNEL,
        endpoint=connector.url,
        bot_id=BOT_ID,
    )

    def seen() -> list[Wire]:
        out = []
        for call in connector.calls:
            if call.method != "POST" or "/activities" not in call.path or call.status >= 300:
                continue
            where, _, thread = call.conversation.partition(";messageid=")
            text = str(call.body.get("summary") or call.body.get("text") or "")
            public = not where.startswith("a:")  # a: is a personal chat
            out.append(Wire(where, thread or None, text, public, call.body))
        return out

    def updated(message_id: str, fallback: str) -> bool:
        return any(
            c.method == "PUT" and c.reply_to == message_id and fallback in str(c.body)
            for c in connector.calls
        )

    def refuse() -> bool:
        connector.fail_next.append((403, {}))
        return True

    def origin(where: ConversationRef, user: User, message_id: str | None) -> Origin:
        # As `bot.CoprodBot` makes it for a click on the card `message_id` (`Turn.of`).
        from adapters.teams.answer import Turn
        from adapters.teams.events import THREAD_MARK

        thread = f"{THREAD_MARK}{where.thread}" if where.thread else ""
        event = CardAction(where, user, action_id="contract", message_id=message_id)
        return Turn(where, user, message_id, event, connector.url, f"{where.channel}{thread}")

    def reset() -> None:
        connector.calls.clear()
        connector.fail_next.clear()

    async def close() -> None:
        await adapter.stop()
        await core.store.close()
        await connector.stop()

    return Rig(
        "teams",
        adapter,
        lambda: ref,
        seen,
        updated,
        refuse,
        reset,
        close,
        thread_id="1741083330123",
        origin=origin,
    )


def alex(rig: Rig) -> User:
    return User(ALEX.get(rig.name, "alex"), "Alex")


def card(title: str, fallback: str) -> Card:
    return Card(title=title, fallback_text=fallback, blocks=(Text(f"{title} body"),))
