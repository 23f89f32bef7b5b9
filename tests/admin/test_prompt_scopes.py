"""Prompt overrides by scope: channel beats workspace beats the prompt pack beats the default,
and `ctx.prompts` (used by every feature) returns exactly the effective prompts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.context import Context
from bot.model import Command
from bot.prompts import load_shipped
from bot.prompts.pack import apply_overlay

from .conftest import ADA, HOME, HOME2, Bot, make_bot, text_of

ROOT = Path(__file__).resolve().parents[2]
PACK_TEXT = "Did everyone get a turn to speak today?"


def _pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "principles.yaml").write_text(
        "principles:\n  - number: 4\n    reflections:\n"
        f"      - id: p4.reflection.1\n        text: {PACK_TEXT}\n"
    )
    return folder


async def _texts(bot: Bot, kind: str = "reflection", number: int = 4, ref=HOME) -> dict:  # type: ignore[no-untyped-def]
    ctx = Context(bot.core, Command(ref, ADA))
    return {p.id: p.text for p in await ctx.prompts(kind, number)}  # type: ignore[arg-type]


def test_the_pack_records_which_prompts_it_wrote(tmp_path: Path) -> None:
    merged = apply_overlay(load_shipped(), _pack(tmp_path))
    assert merged.prompt_source("p4.reflection.1") == "pack"
    assert merged.prompt_source("p4.reflection.2") == "default"
    assert load_shipped().prompt_source("p4.reflection.1") == "default"


async def test_channel_beats_workspace_beats_pack_beats_default(tmp_path: Path) -> None:
    bot = await make_bot(tmp_path, COPROD_PROMPTS_DIR=str(_pack(tmp_path)))
    try:
        shipped = load_shipped().principles[4].reflections
        assert (await _texts(bot))["p4.reflection.1"] == PACK_TEXT
        assert (await _texts(bot))["p4.reflection.2"] == shipped[1].text

        listing = text_of(await bot.run("admin prompts 4 reflection"))
        assert f"`p4.reflection.1` {PACK_TEXT} _(from your prompt pack)_" in listing
        assert "_(as shipped)_" in listing

        await bot.run("admin prompts edit p4.reflection.1 Workspace words --all")
        assert (await _texts(bot))["p4.reflection.1"] == "Workspace words"
        assert (await _texts(bot, ref=HOME2))["p4.reflection.1"] == "Workspace words"

        await bot.run("admin prompts edit p4.reflection.1 Channel words")
        assert (await _texts(bot))["p4.reflection.1"] == "Channel words"
        assert (await _texts(bot, ref=HOME2))["p4.reflection.1"] == "Workspace words"
        listing = text_of(await bot.run("admin prompts 4 reflection"))
        assert "`p4.reflection.1` Channel words _(set in this channel)_" in listing
        listing = text_of(await bot.run("admin prompts 4 reflection", ref=HOME2))
        assert "`p4.reflection.1` Workspace words _(set for the whole workspace)_" in listing
        listing = text_of(await bot.run("admin prompts 4 reflection --all"))
        assert "`p4.reflection.1` Workspace words" in listing
    finally:
        await bot.store.close()


async def test_disabled_prompts_leave_and_added_ones_join(bot: Bot) -> None:
    await bot.run("admin prompts disable p4.reflection.2 --all")
    await bot.run("admin prompts add 4 reflection A question for this channel")
    here, there = await _texts(bot), await _texts(bot, ref=HOME2)
    assert "p4.reflection.2" not in here and "p4.reflection.2" not in there
    assert here["p4.reflection.a1"] == "A question for this channel"
    assert "p4.reflection.a1" not in there
    # the channel turns back on what the workspace turned off
    await bot.run("admin prompts enable p4.reflection.2")
    assert "p4.reflection.2" in await _texts(bot)
    assert "p4.reflection.2" not in await _texts(bot, ref=HOME2)
    listing = text_of(await bot.run("admin prompts 4 reflection", ref=HOME2))
    assert "**turned off** (set for the whole workspace)" in listing
    # a prompt added in one channel does not exist elsewhere, nor at workspace level
    replies = await bot.run("admin prompts edit p4.reflection.a1 New --all")
    assert replies[0].is_error and "cannot find" in replies[0].text


async def add_check(bot: Bot, typed: str) -> None:
    """A new check statement is asked about first; press its button."""
    (ask,) = await bot.run(typed)
    assert ask.card is not None
    (button,) = (b for block in ask.card.blocks for b in getattr(block, "buttons", ()))
    await bot.click(button.action_id, button.value)


async def test_an_added_check_statement_takes_the_place_of_the_shipped_one(bot: Bot) -> None:
    shipped = load_shipped().principles[4].check_statement
    assert await _texts(bot, "check_statement") == {shipped.id: shipped.text}
    await add_check(bot, "admin prompts add 4 check statement Team wide statement --all")
    assert await _texts(bot, "check_statement") == {"p4.check.a1": "Team wide statement"}
    await add_check(bot, "admin prompts add 4 check_statement Our channel statement")
    assert await _texts(bot, "check_statement") == {"p4.check.a2": "Our channel statement"}
    assert await _texts(bot, "check_statement", ref=HOME2) == {"p4.check.a1": "Team wide statement"}
    await bot.run("admin prompts disable p4.check.a2")
    assert await _texts(bot, "check_statement") == {"p4.check.a1": "Team wide statement"}
    # all eight principles still have exactly one statement each
    ctx = Context(bot.core, Command(HOME, ADA))
    assert len(await ctx.prompts("check_statement")) == 8


async def test_the_last_prompt_of_a_kind_stays_on(bot: Bot) -> None:
    ids = list(await _texts(bot, "next_step", 2))
    for prompt_id in ids[:-1]:
        assert not (await bot.run(f"admin prompts disable {prompt_id}"))[0].is_error
    last = await bot.run(f"admin prompts disable {ids[-1]}")
    assert last[0].is_error and "last one of its kind" in last[0].text
    assert list(await _texts(bot, "next_step", 2)) == ids[-1:]
    assert len(await _texts(bot, "check_statement", 2)) == 1
    refused = await bot.run("admin prompts disable p2.check")
    assert refused[0].is_error


async def test_a_principle_never_runs_out_even_across_levels(bot: Bot) -> None:
    ids = list(await _texts(bot, "reminder", 3))
    for prompt_id in ids[1:]:
        await bot.run(f"admin prompts disable {prompt_id}")  # channel turns off all but one
    await bot.run(f"admin prompts disable {ids[0]} --all")  # workspace turns off the last
    assert list(await _texts(bot, "reminder", 3)) == ids  # falls back to the pack's own


async def test_the_principle_card_uses_the_effective_question(bot: Bot) -> None:
    await bot.run("admin prompts add 6 reflection Who checked in on partners this week?")
    for prompt_id in list(await _texts(bot, "reflection", 6)):
        if prompt_id != "p6.reflection.a1":
            await bot.run(f"admin prompts disable {prompt_id}")
    card = (await bot.run("principle 6", user=ADA))[0].card
    assert card is not None
    assert "Who checked in on partners this week?" in text_of([(await bot.run("principle 6"))[0]])


async def test_edits_and_switches_are_audited_with_old_and_new(bot: Bot) -> None:
    old = (await _texts(bot))["p4.reflection.3"]
    await bot.run("admin prompts edit p4.reflection.3 Shorter words")
    await bot.run("admin prompts disable p4.reflection.3")
    entries = await bot.store.find("audit", scope=HOME.scope)
    entries.sort(key=lambda d: d["n"])
    assert [(e["what"], e["old"], e["new"], e["by"], e["target"]) for e in entries] == [
        ("prompt p4.reflection.3 wording", old, "Shorter words", "local:ada", "channel"),
        ("prompt p4.reflection.3", "on", "off", "local:ada", "channel"),
    ]
    assert entries[0]["at"] == bot.core.clock.now().isoformat()


def test_a_broken_pack_stops_start_up_naming_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "principles.yaml").write_text(
        "principles:\n  - number: 4\n    reflections:\n      - id: p4.reflection.1\n"
        "        text: ''\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "COPROD_PROMPTS_DIR": str(folder),
        "COPROD_DB": str(tmp_path / "db.json"),
        "PORT": "1",  # never reached: the pack is checked before the server starts
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert f"{folder / 'principles.yaml'}:5: principles.0.reflections.0.text" in result.stderr
    assert "Traceback" not in result.stderr
