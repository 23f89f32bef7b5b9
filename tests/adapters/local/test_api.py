"""The local JSON API at the wire: good requests, bad requests, polling and health."""

from __future__ import annotations

import json
import re
from pathlib import Path

import aiohttp
import pytest

import adapters.local
from adapters.local.render import inline
from bot.model import Reply
from runtime.server import Runtime
from tests.conftest import Chat


async def test_healthz(chat: Chat) -> None:
    async with chat.session.get(f"{chat.base}/healthz") as resp:
        assert resp.status == 200
        assert await resp.json() == {"ok": True}


async def test_page_is_served_with_labels(chat: Chat) -> None:
    async with chat.session.get(f"{chat.base}/") as resp:
        page = await resp.text()
    assert resp.status == 200
    assert '<label for="message"' in page and '<label for="user"' in page
    assert 'aria-live="polite"' in page


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '{"user": "", "text": "x"}',
        '{"text": "x"}',
        '{"user": "a"}',
        '{"user": "a", "text": 5}',
        '{"user": "a", "text": "' + "x" * 5000 + '"}',
    ],
)
async def test_bad_bodies_get_400_with_a_hint(chat: Chat, body: str) -> None:
    async with chat.session.post(f"{chat.base}/local/messages", data=body) as resp:
        assert resp.status == 400
        assert "error" in await resp.json()
    assert await chat.say("/coprod principles")  # still serving


async def test_replies_carry_text_card_visibility_and_html(chat: Chat) -> None:
    reply = (await chat.say("/coprod principles"))[0]
    assert set(reply) >= {"text", "card", "visibility", "html", "fallback_text"}
    assert reply["html"].startswith('<article class="card"')


async def test_proactive_posts_reach_the_poll_endpoint(
    chat: Chat, server: tuple[str, Runtime]
) -> None:
    _base, runtime = server
    ref = await runtime.core.conversation("local:local:general")
    assert ref is None
    await chat.say("/coprod help")
    ref = await runtime.core.conversation("local:local:general")
    assert ref is not None
    await runtime.core.send(ref, Reply(text="A nudge for everyone"))
    async with chat.session.get(
        f"{chat.base}/local/messages", params={"user": "alex", "channel": "general", "after": "0"}
    ) as r:
        posted = (await r.json())["replies"]
    assert [p["text"] for p in posted] == ["A nudge for everyone"]
    async with chat.session.get(f"{chat.base}/local/messages", params={"user": "x"}) as r:
        assert (await r.json())["replies"][0]["seq"] == posted[0]["seq"]
    async with chat.session.get(f"{chat.base}/local/messages", params={"after": "zz"}) as r:
        assert r.status == 400


async def test_unknown_card_action_is_answered_kindly(chat: Chat) -> None:
    replies = await chat.click("nothing.here")
    assert "no longer active" in replies[0]["text"]


async def test_wrong_method_and_path(chat: Chat) -> None:
    async with aiohttp.ClientSession() as s, s.get(f"{chat.base}/local/static/../x") as r:
        assert r.status == 404


async def test_the_page_gets_every_sentence_it_shows_from_prompts(chat: Chat) -> None:
    async with chat.session.get(f"{chat.base}/") as resp:
        page = await resp.text()
    found = re.search(r'<script type="application/json" id="words">(.*?)</script>', page, re.S)
    assert found is not None and "{{WORDS}}" not in page
    assert "<" not in found.group(1)  # nothing in the words can close the script element
    words = json.loads(found.group(1))
    pack = chat.runtime.core.pack
    assert words["offline"] == inline(pack.say("local.page.offline"))
    assert words["only_you"] == pack.say("local.page.only_you")
    assert pack.say("local.welcome.title") in words["welcome"]
    script = (Path(adapters.local.__file__).parent / "static" / "app.js").read_text()
    for sentence in ("That did not work", "The bot is not answering", "only visible to you"):
        assert sentence not in script
    async with chat.session.get(f"{chat.base}/local/static/favicon.svg") as resp:
        assert resp.status == 200 and resp.content_type == "image/svg+xml"
