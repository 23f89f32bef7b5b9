"""Issue 16, section 1: the local chat is one shared conversation per channel, live over
server-sent events, with its recent history on opening and private replies kept private."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack

import aiohttp

from bot.model import Reply, User, Visibility
from bot.settings import Settings
from runtime.server import Runtime, build, close, serving
from tests.adapters.local.sse import opened
from tests.conftest import Chat, free_port

JARGON = "Going forward we will leverage the ICB's data."


def texts(entries: list[dict]) -> list[str]:
    return [e["text"] or e.get("fallback_text", "") for e in entries]


async def test_a_second_page_sees_the_first_pages_messages_live(chat: Chat) -> None:
    """Defect: two browsers in #shared; the second saw none of the first's 4 messages."""
    async with (
        opened(chat.session, chat.base, user="sam", channel="shared") as sam,
        opened(chat.session, chat.base, user="alex", channel="shared") as alex,
    ):
        assert await sam.until_ready() == [] and await alex.until_ready() == []
        await chat.say("Morning all", channel="shared")
        await chat.say("Shall we start?", channel="shared")
        await chat.say("/coprod help", channel="shared")  # answered privately
        await chat.say("/coprod reflect 5", channel="shared")  # answered in the channel
        seen = await sam.entries(4)
        assert [e["kind"] for e in seen] == ["person", "person", "person", "reply"]
        assert [e["author"] for e in seen[:3]] == ["alex"] * 3
        assert texts(seen)[:3] == ["Morning all", "Shall we start?", "/coprod reflect 5"]
        assert seen[3]["visibility"] == "public" and seen[3]["card"] is not None
        assert await sam.quiet()  # nothing of the private exchange
        mine = await alex.entries(6)
        assert texts(mine)[2] == "/coprod help"
        assert [e["visibility"] for e in mine] == ["public"] * 2 + ["private"] * 2 + ["public"] * 2


async def test_opening_a_channel_shows_its_recent_history(chat: Chat) -> None:
    await chat.say("First", channel="shared", user="alex")
    await chat.say("/coprod help", channel="shared", user="alex")
    await chat.say("Second", channel="shared", user="Zoë 🌈")
    await chat.say("Elsewhere", channel="general", user="alex")
    async with opened(chat.session, chat.base, user="sam", channel="#shared") as sam:
        history = await sam.until_ready()
    assert texts(history) == ["First", "Second"]
    assert [e["author"] for e in history] == ["alex", "Zoë 🌈"]
    async with opened(chat.session, chat.base, user="alex", channel="shared") as alex:
        history = await alex.until_ready()
    assert texts(history)[:2] == ["First", "/coprod help"]  # and alex's own private reply
    assert history[2]["visibility"] == "private" and history[2]["card"] is not None


async def test_private_replies_reach_only_their_person(chat: Chat) -> None:
    async with (
        opened(chat.session, chat.base, user="sam", channel="shared") as sam,
        opened(chat.session, chat.base, user="alex", channel="shared") as alex,
    ):
        await sam.until_ready()
        await alex.until_ready()
        await chat.say(JARGON, channel="shared", user="alex")
        message, tip = await alex.entries(2)
        assert message["text"] == JARGON and message["visibility"] == "public"
        assert tip["visibility"] == "private" and tip["card"]["id"] == "jargon.warning"
        [heard] = await sam.entries(1)
        assert heard["text"] == JARGON
        # A private post the bot makes on its own goes to its recipient's pages only.
        ref = await chat.runtime.core.conversation("local:local:shared")
        assert ref is not None
        note = Reply(text="Just for Sam", visibility=Visibility.PRIVATE, recipient=User("sam"))
        await chat.runtime.core.send(ref, note)
        await chat.runtime.core.send(ref, Reply(text="For everyone"))
        assert texts(await sam.entries(2)) == ["Just for Sam", "For everyone"]
        assert texts(await alex.entries(1)) == ["For everyone"]
        assert await sam.quiet() and await alex.quiet()


async def test_a_direct_chat_is_its_persons_own(chat: Chat) -> None:
    await chat.say("help", user="sam", direct=True)
    async with opened(chat.session, chat.base, user="alex", direct="true") as alex:
        assert await alex.until_ready() == []
    async with opened(chat.session, chat.base, user="sam", direct="true") as sam:
        history = await sam.until_ready()
    assert texts(history)[0] == "help" and len(history) == 2


async def test_a_reconnecting_page_gets_only_what_it_missed(chat: Chat) -> None:
    await chat.say("one", channel="shared")
    async with opened(chat.session, chat.base, user="sam", channel="shared") as sam:
        await sam.until_ready()
        last = sam.seen[0].id
        boot = sam.seen[-1].data["boot"]
    assert last is not None and last.startswith(f"{boot}:")
    await chat.say("two", channel="shared")
    async with opened(
        chat.session, chat.base, user="sam", channel="shared", last_event_id=last
    ) as again:
        assert texts(await again.until_ready()) == ["two"]
    # An id from before a restart: everything kept now is new to that page.
    async with opened(
        chat.session, chat.base, user="sam", channel="shared", last_event_id="0000:99"
    ) as fresh:
        assert texts(await fresh.until_ready()) == ["one", "two"]


async def test_the_api_answers_with_each_entrys_number(chat: Chat) -> None:
    async with chat.session.post(
        f"{chat.base}/local/messages", json={"user": "alex", "text": "/coprod privacy"}
    ) as resp:
        body = await resp.json()
    assert body["message"]["text"] == "/coprod privacy"
    assert body["message"]["visibility"] == "private"
    [reply] = body["replies"]
    [seq] = body["seqs"]
    assert seq > body["message"]["seq"]
    assert set(reply) == {
        "text",
        "card",
        "visibility",
        "threading",
        "fallback_text",
        "html",
        "replace_card",
        "file",  # what a file sent with the reply is (None here)
        "link",  # its signed download link (None here)
    }
    assert reply["html"].startswith('<article class="card"')


async def test_a_persons_words_stay_text(chat: Chat) -> None:
    async with chat.session.post(
        f"{chat.base}/local/messages",
        json={"user": "<b>Sam</b>", "text": "<script>alert(1)</script>\n**not bold**"},
    ) as resp:
        entry = (await resp.json())["message"]
    assert entry["author"] == "<b>Sam</b>"  # the page shows it as text
    assert entry["html"] == (
        '<p class="said">&lt;script&gt;alert(1)&lt;/script&gt;<br>**not bold**</p>'
    )


async def test_forget_me_takes_the_persons_entries_out_of_the_history(chat: Chat) -> None:
    await chat.say("I was here", channel="shared", user="sam")
    await chat.say("/coprod help", channel="shared", user="sam")
    await chat.say("So was I", channel="shared", user="alex")
    [done] = await chat.say("/coprod forget me confirm", channel="shared", user="sam")
    assert "erased" in done["text"]
    async with opened(chat.session, chat.base, user="sam", channel="shared") as sam:
        history = await sam.until_ready()
    assert texts(history)[0] == "So was I"
    assert "I was here" not in texts(history) and "/coprod help" not in texts(history)


async def test_the_server_stops_at_once_with_pages_open(settings: Settings) -> None:
    """Open streams end when the server stops, rather than holding the shutdown up."""
    runtime: Runtime = await build(settings)
    port = free_port()
    async with aiohttp.ClientSession() as session, AsyncExitStack() as pages:
        async with serving(runtime, "127.0.0.1", port):
            base = f"http://127.0.0.1:{port}"
            streams = [
                await pages.enter_async_context(opened(session, base, user=f"p{i}"))
                for i in range(3)
            ]
            for page in streams:
                await page.until_ready()
            started = time.monotonic()
        took = time.monotonic() - started
        for page in streams:
            assert await asyncio.wait_for(page.response.content.read(), 2) == b""
    await close(runtime)
    assert took < 2, f"stopping took {took:.1f} s with streams open"
