"""`admin jargon …` and `admin export` through the local API, and their isolation by workspace."""

from __future__ import annotations

import csv
import io

from bot.admin.subcommands.settings import SAVE
from bot.csv_text import code_lines
from bot.jargon.overlay import overlay
from bot.model import ChannelMessage, User
from tests.conftest import Chat, all_text

from .conftest import ADA, AWAY, HOME, HOME2, OWEN, Bot, text_of

NEW = "This is a sea change for the group."
SHIPPED = "Shall we touch base on Friday?"


async def _flags(chat: Chat, text: str, channel: str = "general") -> str:
    return all_text(await chat.say(f"/coprod jargon {text}", user="alex", channel=channel))


async def test_an_added_word_is_flagged_in_its_channel_only(chat: Chat) -> None:
    assert "sea change" not in await _flags(chat, NEW)
    done = all_text(
        await chat.say("/coprod admin jargon add Sea Change => very important; key", user="ada")
    )
    assert 'Added "sea change"' in done and "in #general" in done
    flagged = await _flags(chat, NEW)
    assert "sea change" in flagged and "very important" in flagged
    assert "sea change" not in await _flags(chat, NEW, channel="random")
    # explain knows it, with the admins' reason
    explained = all_text(await chat.say("/coprod explain sea changes", user="alex"))
    assert "very important" in explained and "An admin of your workspace" in explained
    # a channel message gets a tip naming it
    tip = all_text(await chat.say("Our plan is a sea change.", user="kim"))
    assert "sea change" in tip and "very important" in tip
    # --all: every channel of the workspace
    await chat.say("/coprod admin jargon add going viral => spreading fast --all", user="ada")
    assert "spreading fast" in await _flags(chat, "This is going viral", channel="random")


async def test_remove_takes_off_added_words_and_switches_off_shipped_ones(chat: Chat) -> None:
    assert "touch base" in await _flags(chat, SHIPPED)
    removed = all_text(await chat.say("/coprod admin jargon remove touch base", user="ada"))
    assert 'Taken "touch base" off' in removed
    assert "touch base" not in await _flags(chat, SHIPPED)
    assert "touch base" in await _flags(chat, SHIPPED, channel="random")  # this channel only
    again = all_text(await chat.say("/coprod admin jargon remove touch base", user="ada"))
    assert "already off the list" in again
    await chat.say("/coprod admin jargon add blue moon => rarely", user="ada")
    assert "rarely" in await _flags(chat, "once in a blue moon")
    await chat.say("/coprod admin jargon remove blue moon", user="ada")
    assert "blue moon" not in await _flags(chat, "once in a blue moon")
    unknown = await chat.say("/coprod admin jargon remove teacup", user="ada")
    assert "How to write it" in all_text(unknown) and "admin jargon remove <word>" in all_text(
        unknown
    )
    listed = all_text(await chat.say("/coprod admin jargon", user="ada"))
    assert '"touch base"' in listed and "blue moon" not in listed


async def test_allow_stops_an_acronym_being_flagged(chat: Chat) -> None:
    text = "The ZQX board meets on Friday."
    assert "ZQX" in await _flags(chat, text)
    assert "Added ZQX" in all_text(await chat.say("/coprod admin jargon allow zqx", user="ada"))
    assert "ZQX" not in await _flags(chat, text)
    assert "ZQX" in await _flags(chat, text, channel="random")
    undo = all_text(await chat.say("/coprod admin jargon remove ZQX", user="ada"))
    assert "Taken ZQX off" in undo
    assert "ZQX" in await _flags(chat, text)


async def test_mode_off_silences_channel_tips(chat: Chat) -> None:
    assert "touch base" in all_text(await chat.say(SHIPPED, user="kim"))
    done = all_text(await chat.say("/coprod admin jargon mode OFF", user="ada"))
    assert "now off in #general" in done
    assert await chat.say("Let us touch base going forward.", user="lee") == []
    assert await chat.runtime.core.channel_settings.get(HOME, "jargon.mode") == "off"
    assert await chat.runtime.core.channel_settings.get(HOME2, "jargon.mode") == "private"
    # the settings form offers the mode as a choice
    form = (await chat.say("/coprod admin settings", user="ada"))[0]["html"]
    assert 'name="jargon.mode"' in form and "Explanation for everyone" in form
    saved = await chat.click(SAVE, {"jargon.mode": "explain", "apply_to": "channel"}, user="ada")
    assert "Plain-words tips" in all_text(saved)
    assert await chat.runtime.core.channel_settings.get(HOME, "jargon.mode") == "explain"


async def test_bad_input_shows_the_correct_form(chat: Chat) -> None:
    cases = {
        "admin jargon add sea change": "admin jargon add <word> => <alternative>",
        "admin jargon add <@U1> => x": "admin jargon add <word> => <alternative>",
        "admin jargon add word => " + "; ".join("abcdefg"): "at most 6 suggestions",
        "admin jargon allow A": "admin jargon allow <acronym>",
        "admin jargon allow ABCDEFGHIJK": "2 to 10 letters or numbers",
        "admin jargon allow A&E": "admin jargon allow <acronym>",
        "admin jargon mode loud": "admin jargon mode private|explain|off",
        "admin jargon shout": "admin jargon add",
    }
    for typed, expected in cases.items():
        replies = await chat.say(f"/coprod {typed}", user="ada")
        assert "How to write it" in all_text(replies), typed
        assert expected in all_text(replies) and "For example" in all_text(replies), typed
    assert await chat.runtime.core.store.find("jargon_admin") == []
    assert await chat.runtime.core.store.find("audit") == []


async def test_every_change_is_audited_with_old_and_new(bot: Bot) -> None:
    for text in (
        "admin jargon add sea change => very important",
        "admin jargon add sea change => essential; key",
        "admin jargon remove sea change",
        "admin jargon remove touch base --all",
        "admin jargon allow ICB",
        "admin jargon mode explain",
    ):
        assert not any(r.is_error for r in await bot.run(text)), text
    entries = sorted(await bot.store.find("audit", scope=HOME.scope), key=lambda e: e["n"])
    got = [(e["what"], e["old"], e["new"], e["target"]) for e in entries]
    assert got == [
        ("jargon word sea change", "", "very important", "channel"),
        ("jargon word sea change", "very important", "essential; key", "channel"),
        ("jargon word sea change", "essential; key", "", "channel"),
        ("jargon word touch base", "on the list", "", "workspace"),
        ("acronym allowlist", "", "ICB", "channel"),
        ("setting jargon.mode", "private", "explain", "channel"),
    ]
    assert {e["by"] for e in entries} == {"local:ada"}
    shown = text_of(await bot.run("admin audit"))
    assert "before: very important" in shown and "after: essential; key" in shown


async def test_jargon_changes_never_reach_another_workspace(bot: Bot) -> None:
    await bot.run("admin jargon add sea change => very important --all")
    await bot.run("admin jargon allow ZQX --all")
    home = await overlay_lexicon(bot, HOME)
    away = await overlay_lexicon(bot, AWAY)
    assert "sea change" in {t.term for t in home.terms}
    assert "sea change" not in {t.term for t in away.terms}
    assert "ZQX" in home.allow and "ZQX" not in away.allow
    assert away is bot_base(bot)  # an untouched workspace keeps the pack's own matcher
    # a message in the other workspace is not flagged for the home workspace's word
    replies = await bot.core.handle(ChannelMessage(AWAY, User("u9"), text="It is a sea change"))
    assert "sea change" not in text_of(replies)
    listed = text_of(await bot.run("admin jargon", user=OWEN, ref=AWAY))
    assert "sea change" not in listed and "ZQX" not in listed


async def overlay_lexicon(bot: Bot, ref):  # type: ignore[no-untyped-def]
    from bot.jargon.overlay import JargonOverlay

    found = JargonOverlay(bot.store, bot.core.pack.jargon, "why words")
    return await found.lexicon(ref)


def bot_base(bot: Bot):  # type: ignore[no-untyped-def]
    from bot.jargon import compiled

    return compiled(bot.core.pack.jargon)


async def test_the_cache_follows_changes(bot: Bot) -> None:
    class _Ctx:
        core = bot.core
        store = bot.store
        pack = bot.core.pack

        @staticmethod
        def say(message_id: str, **values: object) -> str:
            return bot.core.pack.say(message_id, **values)

    over = overlay(_Ctx())  # type: ignore[arg-type]
    before = await over.lexicon(HOME)
    await bot.run("admin jargon add sea change => very important")
    after = await over.lexicon(HOME)
    assert after is not before and "sea change" in {t.term for t in after.terms}
    assert await over.lexicon(HOME) is after  # compiled once, then reused
    assert await over.lexicon(HOME2) is before  # no change in that channel


async def _round(chat: Chat, channel: str, people: list[str]) -> None:
    await chat.say("/coprod check", user=people[0], channel=channel)
    for p in people:
        await chat.say("/coprod check answer 2 3 1 4 0 2 3 1 as staff", user=p, channel=channel)
    await chat.say("/coprod check close", user=people[0], channel=channel)


async def test_export_has_this_workspaces_rounds_and_no_user_ids(chat: Chat) -> None:
    empty = all_text(await chat.say("/coprod admin export", user="ada"))
    assert "no check results" in empty
    people = ["alice1", "bobby2", "carol3", "dylan4", "erin55"]
    await _round(chat, "general", people)
    await _round(chat, "random", people)
    replies = await chat.say("/coprod admin export --all", user="ada")
    assert replies[0]["visibility"] == "private"
    shown = all_text(replies)
    assert "2 rounds in 2 channels, 16 rows" in shown
    assert "python app.py export --format csv --scope local:local" in shown
    for p in [*people, "ada"]:
        assert p not in shown
    lines = [
        line.strip("`")
        for line in shown.splitlines()
        if line.startswith("`scope,") or line.startswith("`local:")
    ]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert len(rows) == 16 and {r["scope"] for r in rows} == {"local:local"}
    assert {r["channel"] for r in rows} == {"general", "random"}
    # another workspace's admin sees nothing of these rounds
    core = chat.runtime.core
    from bot.model import Command

    away = await core.handle(Command(AWAY, OWEN, text="admin export"))
    assert "no check results" in text_of(away)
    assert await core.store.count("audit") == 0  # reading is not a change
    assert ADA.id not in shown


def test_long_exports_are_cut_at_whole_lines() -> None:
    text = "a,b\n" + "".join(f"{i},x`y\n" for i in range(1000))
    body, shown = code_lines(text, limit=200)
    assert 0 < shown < 1000 and len(body) < 260
    assert all(line.startswith("`") and line.endswith("`") for line in body.splitlines())
    assert "x\u02cby" in body
