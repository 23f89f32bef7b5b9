"""Short forms defined earlier in a conversation are not flagged again (memory only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.core import Core
from bot.jargon.memory import MAX_PER_CONVERSATION, Definitions
from bot.jargon.service import jargon_for
from bot.model import ChannelMessage, Command, ConversationRef, Platform, User
from bot.prompts import load_pack
from bot.settings import load_settings
from bot.store import TinyStore
from runtime.features import FEATURES
from tests.admin.conftest import text_of

CHANNEL = ConversationRef(Platform.SLACK, "T1", "C1")
THREAD = CHANNEL.in_thread("1700000000.000100")
OTHER_THREAD = CHANNEL.in_thread("1700000000.000900")
ELSEWHERE = ConversationRef(Platform.SLACK, "T1", "C2")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DEFINES = "The Integrated Care Board (ICB) meets in public next week."
USES = "Will the ICB publish its plan?"


def test_a_definition_in_the_channel_counts_there_and_in_its_threads_for_a_day() -> None:
    memory = Definitions()
    memory.remember(CHANNEL, {"ICB"}, NOW, "m1")
    assert memory.known(CHANNEL, NOW + timedelta(hours=23), "m2") == {"ICB"}
    assert memory.known(THREAD, NOW + timedelta(hours=1), "m3") == {"ICB"}
    assert memory.known(ELSEWHERE, NOW, "m4") == set()
    assert memory.known(CHANNEL, NOW + timedelta(hours=24, seconds=1), "m5") == set()
    assert len(memory) == 0  # expired entries are dropped when read


def test_a_definition_in_a_thread_counts_only_in_that_thread() -> None:
    memory = Definitions()
    memory.remember(THREAD, {"pcn"}, NOW, "m1")
    assert memory.known(THREAD, NOW, "m2") == {"PCN"}
    assert memory.known(OTHER_THREAD, NOW, "m3") == set()
    assert memory.known(CHANNEL, NOW, "m4") == set()


def test_a_thread_root_from_teams_belongs_to_the_channel() -> None:
    """Teams gives a new post its own id as its thread: it is in the main conversation."""
    teams = ConversationRef(Platform.TEAMS, "tenant", "19:abc@thread.tacv2")
    root = teams.in_thread("1234")
    memory = Definitions()
    memory.remember(root, {"ICB"}, NOW, "1234")
    assert memory.known(teams.in_thread("5678"), NOW, "5679") == {"ICB"}


def test_the_memory_is_bounded_and_holds_only_short_forms() -> None:
    memory = Definitions()
    memory.remember(CHANNEL, [f"A{i:03d}" for i in range(MAX_PER_CONVERSATION + 50)], NOW, "m")
    known = memory.known(CHANNEL, NOW, "m2")
    assert len(known) == MAX_PER_CONVERSATION and "A249" in known and "A000" not in known
    for stamps in memory._seen.values():
        assert all(isinstance(k, str) and isinstance(v, float) for k, v in stamps.items())


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    store = await TinyStore(tmp_path / "s.json").open()
    core = Core(
        features=FEATURES,
        settings=load_settings(COPROD_DB=str(tmp_path / "s.json")),
        store=store,
        pack=load_pack(),
        clock=FakeClock(NOW),
    )
    try:
        yield core
    finally:
        await store.close()


async def say(core: Core, ref: ConversationRef, who: str, text: str, mid: str) -> str:
    event = ChannelMessage(ref, User(who), text=text, message_id=mid)
    return text_of(await core.handle(event))


async def test_an_acronym_defined_earlier_in_the_channel_is_not_flagged(core: Core) -> None:
    assert await say(core, CHANNEL, "U1", DEFINES, "m1") == ""
    assert "ICB" not in await say(core, CHANNEL, "U2", USES, "m2")
    assert "ICB" not in await say(core, THREAD, "U3", USES, "m3")
    assert "ICB" in await say(core, ELSEWHERE, "U4", USES, "m4")
    core.clock.advance(hours=25)  # type: ignore[attr-defined]
    assert "ICB" in await say(core, CHANNEL, "U5", USES, "m5")


async def test_an_acronym_defined_in_a_thread_is_flagged_outside_it(core: Core) -> None:
    await say(core, THREAD, "U1", DEFINES, "m1")
    assert "ICB" not in await say(core, THREAD, "U2", USES, "m2")
    assert "ICB" in await say(core, CHANNEL, "U3", USES, "m3")


async def test_a_draft_check_counts_definitions_from_the_channel(core: Core) -> None:
    await say(core, CHANNEL, "U1", DEFINES, "m1")
    [reply] = await core.handle(Command(CHANNEL, User("U2"), text=f"jargon {USES}"))
    assert "did not find" in reply.text


async def test_definitions_are_kept_in_memory_and_the_store_holds_no_text(core: Core) -> None:
    await say(core, CHANNEL, "U1", DEFINES + " Margaret will chair it.", "m1")
    dump = ""
    for table in await core.store.tables():
        dump += str(await core.store.find(table))
    for fragment in ("ICB", "Integrated", "Margaret", "chair"):
        assert fragment not in dump
    memory = jargon_for(core).defined
    assert [set(v) for v in memory._seen.values()] == [{"ICB"}]
