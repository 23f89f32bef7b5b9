"""Admin rights on each platform, the admin list, the time zone, the audit log, the settings
form, and how a feature plugs in its own admin subcommand."""

from __future__ import annotations

import pytest

from bot.admin import (
    AdminRequest,
    SettingField,
    admin_command,
    setting_field,
)
from bot.admin.subcommands.settings import SAVE
from bot.admin.validate import clock_time
from bot.feature import collect
from bot.model import ChatKind, ConversationRef, Platform, User
from tests.conftest import Chat, all_text

from .conftest import ADA, BOB, HOME, HOME2, Bot, make_bot, text_of

SLACK = ConversationRef(Platform.SLACK, "T1", "C1", channel_name="general")
TEAMS = ConversationRef(Platform.TEAMS, "tenant-1", "19:abc@thread.tacv2", channel_name="General")
DM = ConversationRef(Platform.LOCAL, "local", "dm-ada", kind=ChatKind.DIRECT)


async def _allowed(bot: Bot, user: User, ref: ConversationRef) -> bool:
    replies = await bot.run("admin audit", user=user, ref=ref)
    return not replies[0].text.startswith(bot.core.pack.say("admin.refused"))


async def test_who_is_an_admin_on_each_platform(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bot = await make_bot(tmp_path, COPROD_ADMINS="local:ada,slack:UGUEST,teams:29:boss")
    try:
        # Slack: workspace admins and owners (set by the adapter), never guests unless listed
        assert await _allowed(bot, User("UOWNER", platform_admin=True), SLACK)
        assert not await _allowed(bot, User("UMEMBER"), SLACK)
        assert not await _allowed(bot, User("UG2", is_guest=True, platform_admin=True), SLACK)
        assert await _allowed(bot, User("UGUEST", is_guest=True), SLACK)
        # Teams: only the explicit list (COPROD_ADMINS, then people added in chat)
        assert await _allowed(bot, User("29:boss"), TEAMS)
        assert not await _allowed(bot, User("29:member"), TEAMS)
        assert not await _allowed(bot, User("29:boss"), SLACK)  # teams: ids are Teams only
        await bot.run("admin admins add teams:29:member", user=User("29:boss"), ref=TEAMS)
        assert await _allowed(bot, User("29:member"), TEAMS)
        other_tenant = ConversationRef(Platform.TEAMS, "tenant-2", "19:x@thread.tacv2")
        assert not await _allowed(bot, User("29:member"), other_tenant)
        # a guest added by an admin is on the explicit list
        await bot.run(
            "admin admins add <@UG3|gus>", user=User("UOWNER", platform_admin=True), ref=SLACK
        )
        assert await _allowed(bot, User("UG3", is_guest=True), SLACK)
    finally:
        await bot.store.close()


async def test_adding_and_removing_admins(bot: Bot) -> None:
    assert "is now an admin" in (await bot.run("admin admins add @sam"))[0].text
    assert "already" in (await bot.run("admin admins add sam"))[0].text
    assert await _allowed(bot, User("sam"), HOME)
    assert "no longer an admin" in (await bot.run("admin admins remove @sam"))[0].text
    assert not await _allowed(bot, User("sam"), HOME)
    assert "not on the admin list" in (await bot.run("admin admins remove @sam"))[0].text
    assert "COPROD_ADMINS" in (await bot.run("admin admins remove @ada"))[0].text
    assert await _allowed(bot, ADA, HOME)
    bad = await bot.run("admin admins add two people")
    assert bad[0].is_error and "admin admins add <person>" in bad[0].text
    entries = await bot.store.find("audit", scope=HOME.scope)
    assert sorted((e["old"], e["new"]) for e in entries) == [("", "local:sam"), ("local:sam", "")]
    assert {e["target"] for e in entries} == {"workspace"}


async def test_time_zone_by_scope(bot: Bot) -> None:
    # The current zone is in code, so it copies as the bot accepts it (issue 16 §4).
    assert "`Europe/London` (as shipped)" in (await bot.run("admin timezone"))[0].text
    await bot.run("admin timezone asia/tokyo --all")
    await bot.run("admin timezone Europe/Paris")
    settings = bot.core.channel_settings
    assert await settings.get(HOME, "timezone") == "Europe/Paris"
    assert await settings.get(HOME2, "timezone") == "Asia/Tokyo"
    assert "set for the whole workspace" in (await bot.run("admin timezone", ref=HOME2))[0].text
    assert "already" in (await bot.run("admin timezone Europe/Paris"))[0].text
    bad = await bot.run("admin timezone Paris")
    assert bad[0].is_error and "Europe/London" in bad[0].text
    assert await settings.get(HOME, "timezone") == "Europe/Paris"
    # in a direct chat a change is for the whole workspace
    await bot.run("admin timezone America/New_York", ref=DM)
    assert await settings.get(HOME2, "timezone") == "America/New_York"


async def test_the_audit_log_shows_the_last_twenty_newest_first(bot: Bot) -> None:
    zones = ["Europe/Paris", "Europe/Berlin"] * 13
    for zone in zones:
        bot.core.clock.advance(minutes=1)  # type: ignore[attr-defined]
        await bot.run(f"admin timezone {zone}")
    card = (await bot.run("admin audit"))[0].card
    assert card is not None
    entries = [b.text for b in card.blocks[1:-1]]  # type: ignore[union-attr]
    assert len(entries) == 20
    assert entries[0].startswith("**2026-01-05 09:26 UTC**, local:ada, in #general: time zone")
    assert entries[0].endswith("before: Europe/Paris\nafter: Europe/Berlin")
    assert entries[-1].startswith("**2026-01-05 09:07 UTC**")


async def test_the_settings_form(chat: Chat) -> None:
    form = await chat.say("/coprod admin settings", user="ada")
    html = form[0]["html"]
    assert 'data-action="admin.settings.save"' in html and 'name="timezone"' in html
    assert 'value="Europe/London"' in html and 'name="apply_to"' in html
    assert "Nothing has changed" in all_text(
        await chat.click(SAVE, {"timezone": "Europe/London", "apply_to": "channel"}, user="ada")
    )
    bad = await chat.click(SAVE, {"timezone": "Nowhere/Land", "apply_to": "all"}, user="ada")
    assert "not saved anything" in all_text(bad) and "Europe/London" in all_text(bad)
    saved = await chat.click(SAVE, {"timezone": "europe/rome", "apply_to": "all"}, user="ada")
    assert "Saved for the whole workspace or team: Time zone" in all_text(saved)
    settings = chat.runtime.core.channel_settings
    assert await settings.get(HOME2, "timezone") == "Europe/Rome"
    refused = await chat.click(SAVE, {"timezone": "Asia/Tokyo", "apply_to": "all"}, user="bob")
    assert "only admins" in all_text(refused)
    assert await settings.get(HOME2, "timezone") == "Europe/Rome"
    audit = all_text(await chat.say("/coprod admin audit", user="ada"))
    assert "time zone" in audit and "Europe/Rome" in audit


async def test_a_feature_adds_its_admin_subcommand_and_form_field(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A feature's words are messages in its prompt pack, like every other sentence.
    words = bot.core.pack.in_locale("en").messages
    monkeypatch.setitem(words, "test.usage.quiet-start", "admin quiet-start <HH:MM>")
    monkeypatch.setitem(words, "test.example.quiet-start", "/coprod admin quiet-start 18:00")

    @admin_command(
        "quiet-start",
        usage="test.usage.quiet-start",
        example="test.example.quiet-start",
        summary="admin.help.timezone",
    )
    async def quiet_start(req: AdminRequest) -> list:
        value = clock_time(req.args).strftime("%H:%M")
        await req.set_setting("test.quiet_start", value)
        return req.done("admin.settings.saved", names=value)

    field = setting_field(
        SettingField(
            "test.quiet_start",
            label="admin.settings.timezone",
            parse=lambda t: clock_time(t).strftime("%H:%M"),
            example="18:00",
        )
    )
    quiet = collect("test-quiet-start", quiet_start, field, settings={"test.quiet_start": None})
    bot.core.registry.add(quiet)
    try:
        assert "admin quiet-start <HH:MM>" in text_of(await bot.run("admin"))
        done = await bot.run("admin quiet-start 18:30 --all")
        assert "Saved for the whole workspace or team: 18:30" in done[0].text
        assert await bot.core.channel_settings.get(HOME2, "test.quiet_start") == "18:30"
        bad = await bot.run("admin quiet-start teatime")
        assert bad[0].is_error and "/coprod admin quiet-start 18:00" in bad[0].text
        refused = await bot.run("admin quiet-start 07:00", user=BOB)
        assert refused[0].text.startswith(bot.core.pack.say("admin.refused"))
        form = (await bot.run("admin settings"))[0].card
        assert form is not None and "test.quiet_start" in str(form.blocks)
    finally:
        pass  # the feature went into this test's core only


async def test_forget_me_replaces_the_admins_id_in_the_audit_log(bot: Bot) -> None:
    await bot.run("admin timezone Europe/Paris")
    await bot.run("admin admins add @sam")
    await bot.run("admin timezone Europe/Rome", user=User("sam"))
    done = await bot.run("forget me confirm", user=ADA)
    assert "2 records" in done[0].text
    shown = text_of(await bot.run("admin audit", user=User("sam")))
    assert "local:ada" not in shown and "person " in shown
    assert "local:sam" in shown  # other people's entries are untouched


async def test_a_refused_save_gives_the_form_back_as_typed(chat: Chat) -> None:
    """Issue 16 §3: after a failed save the form stays usable, with every value typed."""
    typed = {"timezone": "Nowhere/Land", "jargon.mode": "explain", "apply_to": "all"}
    [bad] = await chat.click(SAVE, typed, user="ada")
    assert bad["replace_card"] is True and "not saved anything" in all_text([bad])
    [form] = [b for b in bad["card"]["blocks"] if b["type"] == "form"]
    initial = {i["id"]: i["initial"] for i in form["inputs"]}
    assert initial["timezone"] == "Nowhere/Land" and initial["jargon.mode"] == "explain"
    assert initial["apply_to"] == "all" and form["action_id"] == SAVE
    fixed = {**typed, "timezone": "Europe/Rome"}
    saved = await chat.click(form["action_id"], fixed, user="ada")
    assert "Saved for the whole workspace or team" in all_text(saved)
    assert await chat.runtime.core.channel_settings.get(HOME2, "jargon.mode") == "explain"
