"""Every admin subcommand × {admin, non-admin, guest, someone from another workspace}.

The examples come from the registry, so a feature that adds an admin subcommand is covered
here without writing a new test. Refusals never change anything."""

from __future__ import annotations

import pytest

import bot.core  # noqa: F401  (registers every command and admin subcommand)
from bot.admin.subcommands.settings import SAVE
from bot.model import User
from runtime.features import shipped_admin_commands as admin_commands
from tests.words import say

from .conftest import ADA, AWAY, BOB, GAIL, HOME, OWEN, Bot, text_of

EXAMPLES = [(spec.name, say(ex)) for spec in admin_commands() for ex in spec.examples]
IDS = [ex.removeprefix("/coprod ") for _name, ex in EXAMPLES]
SAM = User("sam", "Sam")
MARK = "Home only wording"


async def _home_state(bot: Bot) -> None:
    """Give the home workspace some admin state, so leaks and changes would show."""
    for text in (
        f"admin prompts add 4 reflection {MARK}",
        "admin timezone Asia/Tokyo --all",
        "admin admins add @sam",
    ):
        replies = await bot.run(text)
        assert not any(r.is_error for r in replies), text_of(replies)


async def test_an_admin_can_run_every_example(bot: Bot) -> None:
    await _home_state(bot)
    before = len(await bot.store.find("audit"))
    for _name, example in EXAMPLES:
        replies = await bot.run(example)
        assert replies, example
        assert all(r.private for r in replies), example
        assert not any(r.is_error for r in replies), (example, text_of(replies))
    assert len(await bot.store.find("audit")) > before


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=IDS)
@pytest.mark.parametrize(
    "who", ["non-admin", "guest", "admin-of-this-workspace-elsewhere"], ids=str
)
async def test_refusals_change_nothing(bot: Bot, name: str, example: str, who: str) -> None:
    await _home_state(bot)
    user, ref = {
        "non-admin": (BOB, HOME),
        "guest": (GAIL, HOME),
        # sam was made an admin of the home workspace; that means nothing in another one
        "admin-of-this-workspace-elsewhere": (SAM, AWAY),
    }[who]
    before = await bot.snapshot()
    replies = await bot.run(example, user=user, ref=ref)
    assert len(replies) == 1
    assert replies[0].private and replies[0].recipient == user
    assert replies[0].text.startswith(bot.core.pack.say("admin.refused"))
    assert await bot.snapshot() == before


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=IDS)
async def test_another_workspaces_admin_cannot_see_or_touch_this_one(
    bot: Bot, name: str, example: str
) -> None:
    await _home_state(bot)
    home_before = await bot.snapshot(HOME.scope)
    replies = await bot.run(example, user=OWEN, ref=AWAY)
    assert not any(r.is_error for r in replies), text_of(replies)
    shown = text_of(replies)
    assert MARK not in shown
    assert "Asia/Tokyo" not in shown
    assert await bot.snapshot(HOME.scope) == home_before


async def test_lists_and_the_audit_log_are_per_workspace(bot: Bot) -> None:
    await _home_state(bot)
    admins = text_of(await bot.run("admin admins", user=OWEN, ref=AWAY))
    assert "**Added by admins:** nobody" in admins
    away_audit = text_of(await bot.run("admin audit", user=OWEN, ref=AWAY))
    assert bot.core.pack.say("admin.audit.empty") in away_audit
    assert "local:ada" not in away_audit
    home = text_of(await bot.run("admin audit"))
    assert MARK in home and "local:sam" in home


@pytest.mark.parametrize("user", [BOB, GAIL], ids=["non-admin", "guest"])
async def test_the_settings_form_checks_rights_on_submit(bot: Bot, user: User) -> None:
    await _home_state(bot)
    before = await bot.snapshot()
    replies = await bot.click(SAVE, {"timezone": "Europe/Paris", "apply_to": "all"}, user=user)
    assert replies[0].text.startswith(bot.core.pack.say("admin.refused"))
    assert await bot.snapshot() == before
    away = await bot.click(
        SAVE, {"timezone": "Europe/Paris", "apply_to": "all"}, user=SAM, ref=AWAY
    )
    assert away[0].text.startswith(bot.core.pack.say("admin.refused"))
    assert await bot.snapshot() == before


async def test_admin_alone_is_refused_to_members_and_shows_help_to_admins(bot: Bot) -> None:
    refused = await bot.run("admin", user=BOB)
    assert refused[0].text.startswith(bot.core.pack.say("admin.refused"))
    assert (
        "COPROD_ADMINS" not in refused[0].text and "ask whoever started coprod" in refused[0].text
    )
    help_card = (await bot.run("admin", user=ADA))[0].card
    assert help_card is not None
    shown = text_of([(await bot.run("admin", user=ADA))[0]])
    for spec in admin_commands():
        assert say(spec.usage[0]) in shown and say(spec.examples[0]) in shown
    assert "--all" in shown
