"""Languages on the local chat, at its JSON API: a person's choice, a channel's language, both."""

from __future__ import annotations

from tests.adapters.local.sse import opened
from tests.conftest import Chat, all_text

WELSH_HELP = "beth alla i ei wneud"
EASY_HELP = "What I can do"
ENGLISH_HELP = "coprod: what I can do"


async def test_a_persons_choice_changes_their_private_replies(chat: Chat) -> None:
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help"))
    done = all_text(await chat.say("/coprod language cymraeg"))
    assert "Wedi'i wneud" in done
    assert WELSH_HELP in all_text(await chat.say("/coprod help"))
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help", user="sam"))  # only mine
    await chat.say("/coprod iaith hawdd ei ddarllen")  # the Welsh words work too
    assert EASY_HELP in all_text(await chat.say("/coprod cymorth"))
    await chat.say("/coprod language auto")
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help"))


async def test_forget_me_erases_the_choice_and_privacy_lists_it(chat: Chat) -> None:
    assert "**Language**" in all_text(await chat.say("/coprod privacy"))
    await chat.say("/coprod language cymraeg")
    assert "(1 cofnod)" in all_text(await chat.say("/coprod anghofio fi cadarnhau"))
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help"))


async def test_a_channel_default_changes_posts_and_private_replies(chat: Chat) -> None:
    await chat.say("/coprod admin language cy", user="ada")
    posts = await chat.say("/coprod principles", user="alex")
    assert all(r["visibility"] == "public" for r in posts)
    text = all_text(posts)
    assert "Wyth egwyddor cyd-gynhyrchu" in text
    # the framework itself stays quoted in English, with our version labelled as ours
    assert "Co-production should be embedded from the beginning" in text
    assert "Cyfieithiad answyddogol" in text
    assert WELSH_HELP in all_text(await chat.say("/coprod help"))
    await chat.say("/coprod language english")
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help"))
    # the channel's posts stay Welsh whatever one person chose
    assert "Wyth egwyddor" in all_text(await chat.say("/coprod principles"))


async def test_a_bilingual_channel_posts_welsh_first_then_english(chat: Chat) -> None:
    await chat.say("/coprod admin language both", user="ada")
    posts = await chat.say("/coprod check", user="alex")
    public = [r for r in posts if r["visibility"] == "public"]
    assert len(public) == 1
    text = all_text(public)
    assert text.index("Gwiriad cyd-gynhyrchu") < text.index("Co-production check")
    buttons = [
        b
        for r in public
        for blk in r["card"]["blocks"]
        if blk["type"] == "buttons"
        for b in blk["buttons"]
    ]
    assert buttons and all(" / " in b["label"] for b in buttons)
    assert ENGLISH_HELP in all_text(await chat.say("/coprod help"))  # private: one language


async def test_jargon_tips_are_off_by_default_in_welsh_channels(chat: Chat) -> None:
    jargon = "Going forward we will leverage the ICB."
    assert await chat.say(jargon, user="sam")  # an English channel: a tip
    set_language = all_text(await chat.say("/coprod admin language cy", user="ada"))
    assert "Jargon tips are off in Welsh channels" in set_language
    assert await chat.say(jargon, user="kim") == []
    await chat.say("/coprod admin jargon mode private", user="ada")  # an admin's choice wins
    assert await chat.say(jargon, user="lee")


async def test_the_page_learns_the_persons_choice_with_each_answer_and_on_opening(
    chat: Chat,
) -> None:
    """Issue 21: the page's own words followed only ?lang= and Accept-Language. The server now
    says the person's choice (not the page's or browser's language) so the page can follow."""

    async def language(text: str, user: str = "alex") -> object:
        async with chat.session.post(
            f"{chat.base}/local/messages", json={"user": user, "text": text, "locale": "en"}
        ) as resp:
            return (await resp.json())["language"]

    assert await language("/coprod help") is None  # no choice: the page keeps its own
    assert await language("/coprod language cymraeg") == "cy"
    assert await language("/coprod help", user="sam") is None  # only mine
    async with opened(chat.session, chat.base, user="alex", channel="general") as alex:
        await alex.until_ready()
        assert alex.seen[-1].data["language"] == "cy"
    assert await language("/coprod language easy read") == "en-easy"
    assert await language("/coprod language auto") is None


async def test_the_change_record_is_read_in_the_readers_language(chat: Chat) -> None:
    """Issue 14: audit labels were English text written in code; the record keeps message ids
    with their values, so each admin reads what changed in their own language."""
    for typed in (
        "/coprod admin jargon remove touch base",
        "/coprod admin timezone Europe/Paris",
        "/coprod admin admins add @sam",
    ):
        await chat.say(typed, user="ada")
    assert len(await chat.runtime.store.find("audit")) == 3  # each was a change
    english = all_text(await chat.say("/coprod admin audit", user="ada"))
    for words in ("jargon word touch base", "on the list", "time zone", "admin list"):
        assert words in english, words
    await chat.say("/coprod language cymraeg", user="ada")
    welsh = all_text(await chat.say("/coprod admin audit", user="ada"))
    for words in ("gair jargon touch base", "ar y rhestr", "cylchfa amser", "rhestr gweinyddwyr"):
        assert words in welsh, words
    assert "on the list" not in welsh and "jargon word" not in welsh
    [entry] = [e for e in await chat.runtime.store.find("audit") if "jargon" in e["what"]]
    assert (entry["what"], entry["old"]) == ("jargon word touch base", "on the list")
