"""Issue 16 §6 for admins: a refusal that says whom to ask, readable audit entries with the
right old value, `admin audit N`, and a confirmation before replacing a check statement."""

from __future__ import annotations

from bot.model import ConversationRef, Platform, User
from tests.admin.conftest import ADA, BOB, HOME, HOME2, Bot, text_of

SLACK = ConversationRef(Platform.SLACK, "T1", "C1", channel_name="team")
TEAMS = ConversationRef(Platform.TEAMS, "tenant", "19:c@thread.tacv2", channel_name="team")


async def test_the_refusal_names_the_admins_added_here(bot: Bot) -> None:
    await bot.run("admin admins add @sam")
    (refused,) = await bot.run("admin audit", user=BOB)
    assert refused.private and refused.is_error
    assert "sam" in refused.text
    assert "COPROD_ADMINS" not in refused.text and "setting" not in refused.text


async def test_the_refusal_on_teams_says_nothing_about_slack(bot: Bot) -> None:
    (refused,) = await bot.run("admin audit", user=User("29:x", "Xi"), ref=TEAMS)
    assert "Slack" not in refused.text and "COPROD_ADMINS" not in refused.text
    assert "ask whoever added me" in refused.text


async def test_the_refusal_on_slack_says_how_to_find_the_admins(bot: Bot) -> None:
    (refused,) = await bot.run("admin audit", user=User("U2", "Bo"), ref=SLACK)
    assert "COPROD_ADMINS" not in refused.text
    assert "filter it by account type" in refused.text


async def test_a_slack_admin_added_by_mention_is_named_in_refusals(bot: Bot) -> None:
    boss = User("U9", "Boss", platform_admin=True)
    await bot.run("admin admins add <@U123ABC|sam.jones>", user=boss, ref=SLACK)
    (refused,) = await bot.run("admin audit", user=User("U2", "Bo"), ref=SLACK)
    assert "sam.jones" in refused.text and "U123ABC" not in refused.text


async def test_audit_shows_settings_in_words(bot: Bot) -> None:
    await bot.run("admin quiet-hours 18:00-08:00")
    shown = text_of(await bot.run("admin audit"))
    assert "nudges.quiet_hours" not in shown
    assert "quiet hours" in shown


async def test_audit_of_a_workspace_change_records_the_workspace_old_value(bot: Bot) -> None:
    await bot.run("admin timezone America/New_York")  # this channel's own setting
    await bot.run("admin timezone --all Asia/Tokyo", ref=HOME2)
    await bot.run("admin timezone --all Europe/Paris")  # typed in the channel with its own
    entries = sorted(await bot.store.find("audit"), key=lambda d: d["n"])
    assert entries[-1]["target"] == "workspace"
    assert entries[-1]["old"] == "Asia/Tokyo"  # the workspace's value, not America/New_York
    assert entries[-1]["new"] == "Europe/Paris"


async def test_admin_audit_50_shows_50(bot: Bot) -> None:
    for i in range(60):
        await bot.run(f"admin prompts add {i % 8 + 1} reflection Question {i}?", ref=HOME2)
    shown = await bot.run("admin audit 50")
    assert "showing 50" in text_of(shown)
    assert text_of(shown).count("before:") == 50
    default = await bot.run("admin audit")
    assert text_of(default).count("before:") == 20
    most = text_of(await bot.run("admin audit 500"))
    assert most.count("before:") == 50 and "at most the latest 50" in most
    bad = await bot.run("admin audit lots")
    assert bad[0].is_error and "/coprod admin audit 50" in bad[0].text


async def test_adding_a_check_statement_warns_and_asks_first(bot: Bot) -> None:
    before = await bot.snapshot()
    (ask,) = await bot.run("admin prompts add 4 check We all share decisions")
    assert ask.card is not None
    shown = text_of([ask])
    assert "comparisons with earlier checks" in shown
    assert await bot.snapshot() == before  # nothing changed yet
    button = next(b for block in ask.card.blocks for b in getattr(block, "buttons", ()))
    assert not (await bot.click(button.action_id, button.value, user=BOB))[0].text.startswith(
        "Added"
    )
    assert await bot.snapshot() == before  # a non-admin's click changes nothing
    (done,) = await bot.click(button.action_id, button.value, user=ADA)
    assert done.text.startswith("Added") and "We all share decisions" in done.text
    assert HOME.channel_key  # the change is for this channel, as typed
    statements = await bot.core.prompt_overrides.entries(
        HOME, channel=True, kind="check_statement", number=4
    )
    assert any(e.text == "We all share decisions" and e.in_use for e in statements)
