"""Issue 21: the local chat page's own words (headings, labels, buttons, placeholders, the
welcome and the script's notes) come from prompts/ in the reader's language. Defect: they were
fixed English in static/index.html, so a Welsh or easy-read reader saw English around the
conversation."""

from __future__ import annotations

import json
import re

from bot.prompts.locale import speaking
from tests.conftest import Chat

ENGLISH_ONLY = ("Your name", "Skip to the message box", ">Send<", "Direct chat with coprod")


async def page(chat: Chat, *, query: str = "", language: str = "") -> str:
    headers = {"Accept-Language": language} if language else {}
    async with chat.session.get(f"{chat.base}/{query}", headers=headers) as resp:
        assert resp.status == 200
        return await resp.text()


def script_words(text: str) -> dict[str, str]:
    found = re.search(r'<script type="application/json" id="words">(.*?)</script>', text, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


async def test_a_welsh_reader_sees_the_page_in_welsh(chat: Chat) -> None:
    pack = chat.runtime.core.pack

    def say(message_id: str) -> str:
        with speaking("cy"):
            return pack.say(message_id)

    for welsh in (
        await page(chat, language="cy-GB,cy;q=0.9,en;q=0.5"),
        await page(chat, query="?lang=cy"),
    ):
        assert '<html lang="cy">' in welsh
        for label in ("name", "where", "send", "placeholder", "sub"):
            assert say(f"local.page.label.{label}").replace("'", "&#x27;") in welsh, label
        assert "Teipiwch <code>/coprod help</code> i ddechrau" in welsh
        for english in ENGLISH_ONLY:
            assert english not in welsh, english
        words = script_words(welsh)
        assert words["only_you"] == say("local.page.only_you")
        assert say("local.welcome.title") in words["welcome"]


async def test_easy_read_and_english_pages(chat: Chat) -> None:
    easy = await page(chat, query="?lang=en-easy")
    assert "Chat with coprod on your own" in easy and "Direct chat with coprod" not in easy
    assert "The bot may send you a private tip about hard words." in easy
    english = await page(chat, language="fr-FR,en;q=0.8")
    assert '<html lang="en">' in english and "Your name" in english and ">Send<" in english
    assert "{{" not in english.replace("{{WORDS}}", "") and "{{" not in easy


async def test_the_pages_language_is_the_persons_until_they_choose(chat: Chat) -> None:
    """The page sends its language with each request, as Teams sends `locale`: a Welsh page's
    reader gets Welsh replies until they choose another language."""

    async def say(text: str, locale: str) -> list[dict]:  # type: ignore[type-arg]
        body = {"user": "sian", "channel": "general", "text": text, "locale": locale}
        async with chat.session.post(f"{chat.base}/local/messages", json=body) as resp:
            assert resp.status == 200
            return list((await resp.json())["replies"])

    (welsh,) = await say("/coprod help", "cy")
    assert welsh["card"]["title"] == "coprod: beth alla i ei wneud"
    (english,) = await say("/coprod help", "en")
    assert english["card"]["title"] == "coprod: what I can do"
    await say("/coprod language english", "cy")  # a choice comes before the page
    (chosen,) = await say("/coprod help", "cy")
    assert chosen["card"]["title"] == "coprod: what I can do"
