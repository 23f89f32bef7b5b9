"""Channel messages through the local chat: private tips, explain mode, off, and holding back."""

from __future__ import annotations

import asyncio

from bot.clock import FakeClock
from bot.jargon import holdback as holdback_module
from bot.model import ChannelMessage, User
from tests.conftest import Chat, all_text
from tests.jargon.conftest import GENERAL

JARGON = "Going forward we will leverage the ICB's data."


async def set_setting(chat: Chat, name: str, value: object) -> None:
    await chat.runtime.core.channel_settings.set(GENERAL, name, value)


async def test_private_tip_goes_only_to_the_author(chat: Chat) -> None:
    replies = await chat.say(JARGON, user="sam")
    assert len(replies) == 1
    tip = replies[0]
    assert tip["visibility"] == "private"
    assert tip["card"]["id"] == "jargon.warning"
    text = all_text(replies)
    for word in ("Going forward", "leverage", "ICB"):
        assert f"**{word}**" in text
    assert "_from now on_" in text and "integrated care board" in text
    assert "Principle 5" in text and "“avoid jargon and acronyms”" in text
    assert "University of Chester" in text
    labels = [
        b["label"]
        for blk in tip["card"]["blocks"]
        if blk["type"] == "buttons"
        for b in blk["buttons"]
    ]
    assert labels == ["What's this?", "Don't show me this again"]


async def test_a_plain_message_gets_no_reply(chat: Chat) -> None:
    assert await chat.say("Thanks all, see you on Tuesday at 10:30am!") == []


async def test_explain_mode_gives_a_public_thread_reply(chat: Chat) -> None:
    await set_setting(chat, "jargon.mode", "explain")
    await chat.say("/coprod glossary add leverage = make good use of what we have")
    replies = await chat.say(JARGON, user="sam")
    assert len(replies) == 1
    reply = replies[0]
    assert reply["visibility"] == "public"
    assert reply["threading"] == "thread"
    assert reply["card"]["id"] == "jargon.explain"
    text = all_text(replies)
    assert "**leverage**: make good use of what we have (from your team glossary)" in text
    assert "**Going forward**: another way to say it is _from now on_" in text
    assert "**ICB**: usually short for integrated care board" in text
    assert "Only you can see this" not in text


async def test_explain_mode_invites_a_glossary_entry_for_unknown_short_forms(chat: Chat) -> None:
    await set_setting(chat, "jargon.mode", "explain")
    text = all_text(await chat.say("The QZR met on Monday.", user="sam"))
    assert "**QZR**: a short form I do not know yet" in text
    assert "`/coprod glossary add QZR = meaning`" in text
    await chat.say("/coprod glossary add QZR = quarterly review", user="kim")
    assert await chat.say("The QZR met on Tuesday.", user="lee") == []


async def test_off_mode_says_nothing(chat: Chat) -> None:
    await set_setting(chat, "jargon.mode", "off")
    assert await chat.say(JARGON) == []


async def test_cooldown_holds_for_a_day_per_person_and_word(chat: Chat, clock: FakeClock) -> None:
    assert await chat.say("We should leverage this.", user="sam")
    assert await chat.say("Leverage again, sorry!", user="sam") == []
    # Someone else still gets their own tip, and a new word still gets through for sam.
    assert await chat.say("We should leverage this.", user="kim")
    newer = await chat.say("Let's touch base and leverage it.", user="sam")
    assert "touch base" in all_text(newer) and "**leverage**" not in all_text(newer)
    clock.advance(hours=23)
    assert await chat.say("Leverage!", user="sam") == []
    clock.advance(hours=2)
    assert await chat.say("Leverage!", user="sam")


async def test_channel_cap_per_hour(chat: Chat, clock: FakeClock) -> None:
    await set_setting(chat, "jargon.max_per_hour", 2)
    people = ["a1", "a2", "a3", "a4"]
    answered = [bool(await chat.say("We should leverage this.", user=p)) for p in people]
    assert answered == [True, True, False, False]
    # Another channel has its own allowance.
    assert await chat.say("We should leverage this.", user="a3", channel="other")
    # The next hour brings a new allowance (a3 already had this word today, so a4 tries).
    clock.advance(hours=1)
    assert await chat.say("We should leverage this.", user="a4")


async def test_default_cap_is_five_an_hour(chat: Chat) -> None:
    answered = [bool(await chat.say("Touch base soon?", user=f"p{i}")) for i in range(7)]
    assert answered == [True] * 5 + [False] * 2


async def test_opt_out_button_works_and_persists(chat: Chat, clock: FakeClock) -> None:
    [_tip] = await chat.say(JARGON, user="sam")
    [done] = await chat.click("jargon.optout", {"mode": "private"}, user="sam")
    assert done["visibility"] == "private"
    assert "will not send you plain-words tips again" in done["text"]
    clock.advance(days=3)
    assert await chat.say("We must synergise the KPIs going forward.", user="sam") == []
    # The opt-out is stored: a fresh core on the same store still honours it.
    store = chat.runtime.store
    assert await store.count(holdback_module.OPTOUTS) == 1
    docs = await store.find(holdback_module.OPTOUTS)
    assert "sam" not in str(docs)
    # Others still get tips, and sam can still check drafts on request.
    assert await chat.say("We must leverage it.", user="kim")
    assert "leverage" in all_text(await chat.say("/coprod jargon leverage", user="sam"))


async def test_whats_this_explains_privately(chat: Chat) -> None:
    await chat.say(JARGON, user="sam")
    [why] = await chat.click("jargon.why", {"terms": "leverage|ICB", "mode": "private"}, user="sam")
    assert why["visibility"] == "private"
    text = all_text([why])
    assert "**leverage**: A business word" in text
    assert "**ICB**: a short form" in text
    assert "never store it" in text


async def test_forget_me_clears_cooldowns_and_opt_out(chat: Chat) -> None:
    await chat.say("We should leverage this.", user="sam")
    await chat.click("jargon.optout", {"mode": "private"}, user="sam")
    store = chat.runtime.store
    assert await store.count(holdback_module.COOLDOWNS) == 1
    replies = await chat.say("/coprod forget me confirm", user="sam")
    assert "(2 records)" in all_text(replies)
    assert await store.count(holdback_module.COOLDOWNS) == 0
    assert await store.count(holdback_module.OPTOUTS) == 0
    assert await chat.say("We should leverage this.", user="sam")


async def test_message_text_is_never_stored(chat: Chat) -> None:
    secret = "Going forward the ZQX plan will leverage Margaret's flat keys."
    assert await chat.say(secret, user="sam")
    store = chat.runtime.store
    dump = ""
    for table in await store.tables():
        dump += str(await store.find(table))
    for fragment in ("ZQX", "Margaret", "Going forward", "leverage", "sam"):
        assert fragment not in dump, fragment


async def test_expired_counters_are_purged(chat: Chat, clock: FakeClock) -> None:
    store = chat.runtime.store
    await chat.say("We should leverage this.", user="sam")
    assert await store.count(holdback_module.COOLDOWNS) == 1
    assert await store.count(holdback_module.COUNTS) == 1
    clock.advance(hours=25)
    await chat.say("Touch base soon?", user="kim")
    # sam's day-old cooldown and the old hour's counter are gone; kim's new ones remain.
    assert await store.count(holdback_module.COOLDOWNS) == 1
    assert await store.count(holdback_module.COUNTS) == 1


async def test_commands_are_not_scanned_as_channel_messages(chat: Chat) -> None:
    replies = await chat.say("/coprod principles")
    assert all(r["card"] is None or r["card"]["id"] != "jargon.warning" for r in replies)


async def test_two_messages_handled_at_once_give_one_tip(chat: Chat) -> None:
    """The cooldown is claimed atomically: concurrent messages never both pass it."""
    core = chat.runtime.core
    sam = User("sam")
    events = [ChannelMessage(GENERAL, sam, text=t) for t in (JARGON, JARGON.lower())]
    results = await asyncio.gather(*(core.handle(e) for e in events))
    assert sum(len(r) for r in results) == 1
