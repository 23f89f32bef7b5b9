"""Anonymity: no user id in the store, claims that cannot be read back, workspaces apart."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from bot.context import Context
from bot.model import CardAction, Command, ConversationRef, Platform, User
from bot.registry import principle_scores
from bot.store.journal import journals
from tests.check.conftest import FIVE, ROUND1, form, submit, submit_all
from tests.conftest import Chat

# Distinctive ids, so a search of the raw file cannot match by accident.
PEOPLE = [
    "alex.w-respondent",
    "sam.k-respondent",
    "kim.r-respondent",
    "jo.p-respondent",
    "lee.t-respondent",
]


async def stored_text(chat: Chat) -> str:
    """Everything the store holds, as text: the raw TinyDB files (the snapshot and every line
    of its journal, so history a write replaced is searched too), or every PostgreSQL row."""
    store = chat.runtime.store
    if chat.runtime.settings.COPROD_DB.startswith("postgresql://"):
        tables = {t: await store.find(t) for t in await store.tables()}
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":"))
    await store.settle()  # deleted documents leave the files at the fold a delete brings on
    path = Path(chat.runtime.settings.COPROD_DB)
    files = [path, *(p for _, p in journals(path))]

    def read() -> str:
        return "\n".join(f.read_text("utf-8") for f in files if f.exists())

    return await asyncio.to_thread(read)


async def test_the_store_holds_no_respondent_id(any_chat: Chat) -> None:
    chat = any_chat
    opener = "opener.m-respondent"
    await chat.say("/coprod check", user=opener)
    await submit(chat, PEOPLE[0], "2 3 1 4 0 2 3 1", "partner")
    await submit(chat, PEOPLE[1], "3 3 2 4 0 1 3 4", "staff")
    await chat.say("/coprod check answer 1 2 3 4 0 2 2 1 as other", user=PEOPLE[2])
    await chat.say("/coprod check answer 1 2 3 4 0 2 2 1", user=PEOPLE[2])  # refused
    await chat.click("check.open", {"round": ROUND1}, user=PEOPLE[3])
    await submit(chat, PEOPLE[3], "4 4 4 4 4 4 4 4")
    await submit(chat, PEOPLE[4], "1 1 1 1 1 1 1 1")
    await chat.say("/coprod forget me confirm", user=PEOPLE[0])
    await chat.say("/coprod check results", user=PEOPLE[0])
    raw = await stored_text(chat)
    assert '"check_answers"' in raw and '"scores":[4,4,4,4,4,4,4,4]' in raw  # while open
    for user_id in [*PEOPLE, opener]:
        assert user_id not in raw
        assert user_id.split(".")[0] not in raw  # not even the first part
    await chat.say("/coprod check close", user=opener)
    await chat.say("/coprod report", user=PEOPLE[1])
    raw = await stored_text(chat)
    assert '"answered":5' in raw and "[4,4,4,4,4,4,4,4]" not in raw  # totals only
    for user_id in [*PEOPLE, opener]:
        assert user_id not in raw
        assert user_id.split(".")[0] not in raw


async def test_answers_hold_only_round_scores_role_and_day(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit(chat, "alex", "2 3 1 4 0 2 3 1", "partner")
    [doc] = await chat.runtime.store.find("check_answers")
    assert set(doc) == {"_key", "round", "scope", "channel", "scores", "role", "day"}
    assert doc["day"] == "2026-01-05"  # the day only, not the time
    [claim] = await chat.runtime.store.find("check_claims")
    assert set(claim) == {"_key", "round", "scope"}
    assert claim["_key"] != doc["_key"]


async def test_a_round_from_another_workspace_cannot_be_answered(chat: Chat) -> None:
    await chat.say("/coprod check")
    other = ConversationRef(Platform.SLACK, "T999", "general")
    replies = await chat.runtime.core.handle(
        CardAction(other, User("U1"), action_id="check.submit", value=form("2 2 2 2 2 2 2 2"))
    )
    assert "cannot find that check" in replies[0].text
    opened = await chat.runtime.core.handle(
        CardAction(other, User("U1"), action_id="check.open", value={"round": ROUND1})
    )
    assert "cannot find that check" in opened[0].text
    assert await chat.runtime.store.count("check_answers") == 0


async def test_forget_me_drops_the_opener_code_and_keeps_the_claim(chat: Chat) -> None:
    await chat.say("/coprod check", user="alex")
    await submit(chat, "alex", "2 2 2 2 2 2 2 2")
    replies = await chat.say("/coprod forget me confirm", user="alex")
    assert "(1 record)" in replies[0]["text"]
    assert "stays until that check closes; it cannot show who you are" in replies[0]["text"]
    [rnd] = await chat.runtime.store.find("check_rounds")
    assert rnd["owner"] == ""
    assert await chat.runtime.store.count("check_claims") == 1  # still stops a second answer
    assert await chat.runtime.store.count("check_answers") == 1  # anonymous: it stays
    assert "already answered" in (await submit(chat, "alex", "4 4 4 4 4 4 4 4"))[0]["text"]
    refused = await chat.say("/coprod check close", user="alex")
    assert "Only the person who started" in refused[0]["text"]
    by_admin = await chat.say("/coprod check close confirm", user="ada")
    assert "has ended" in by_admin[0]["text"]
    assert await chat.runtime.store.count("check_claims") == 0  # gone at close


async def test_scores_provider_gives_the_latest_closed_round_with_results(chat: Chat) -> None:
    core = chat.runtime.core
    ref = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")
    ctx = Context(core, Command(ref, User("alex")))
    assert await principle_scores(ctx) == {}
    await chat.say("/coprod check")
    await submit_all(chat, FIVE[:4], "2 3 1 4 0 2 3 1")
    await submit(chat, "kim", "3 3 1 4 0 2 3 1")
    assert await principle_scores(ctx) == {}  # enough answers, but the round is open
    await chat.say("/coprod check close")
    scores = await principle_scores(ctx)
    assert scores == {1: 2.2, 2: 3.0, 3: 1.0, 4: 4.0, 6: 2.0, 7: 3.0, 8: 1.0}
    await chat.say("/coprod check")
    await submit(chat, "alex", "4 4 4 4 4 4 4 4", round_key="local:local:general#2")
    await chat.say("/coprod check close confirm")
    assert (await principle_scores(ctx))[1] == 2.2  # the newer round had too few answers
    # A higher minimum applies to rounds closing from now on, never to the open one early.
    await chat.say("/coprod admin check minimum 6", user="ada")
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "1 1 1 1 1 1 1 1", round_key="local:local:general#3")
    await chat.say("/coprod check close confirm")
    assert (await principle_scores(ctx))[1] == 2.2
