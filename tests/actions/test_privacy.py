"""`forget me` on an owner and a creator, and the exports (`admin export actions`, the CLI)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from bot.actions import records
from bot.actions.export import actions_csv
from bot.settings import Settings
from tests.conftest import Chat

from .conftest import words

ROOT = Path(__file__).resolve().parents[2]


async def test_forget_me_unowns_and_tells_the_channel(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes for @kim by Friday", user="alex")
    await chat.say("/coprod action add Hire a hall for @kim", user="kim", channel="planning")
    await chat.say("/coprod action add Done already for @kim", user="alex")
    await chat.say("/coprod action done 2")
    await chat.say("/coprod action add Someone else's for @sam", user="kim")
    before = {a.key: a for a in await records.in_scope(chat.runtime.core.store)}
    assert before["local:local:planning#1"].creator  # kim created it: a code, not her id

    replies = await chat.say("/coprod forget me confirm", user="kim")
    assert "erased" in words(replies)
    after = {a.key: a for a in await records.in_scope(chat.runtime.core.store)}
    assert all(a.owner != "kim" and "kim" not in a.owner_name for a in after.values())
    assert after["local:local:general#1"].needs_owner
    assert after["local:local:general#1"].text == "Send the notes"  # the action stays
    assert not after["local:local:general#2"].needs_owner  # closed: nobody needs telling
    assert after["local:local:planning#1"].creator == ""  # her codes are gone
    assert after["local:local:general#3"].creator == ""
    assert after["local:local:general#3"].owner == "sam"
    assert after["local:local:general#1"].creator == before["local:local:general#1"].creator

    assert chat.runtime.local is not None
    posts = {p.channel: p for p in chat.runtime.local.outbox}
    told = posts["general"].body["card"]
    shown = str(told)
    assert "need a new owner" in shown and "Send the notes" in shown
    assert "kim" not in shown  # the channel is not told who asked to be forgotten
    assert "Hire a hall" in str(posts["planning"].body["card"])
    listed = words(await chat.say("/coprod actions"))
    assert "needs an owner" in listed


async def test_admin_export_actions_is_csv_for_this_workspace(chat: Chat) -> None:
    await chat.say("/coprod action add Send the notes for @sam by Friday p5")
    await chat.say("/coprod action add =HYPERLINK(1)")
    await chat.say("/coprod action done 1 Sent")
    text = words(await chat.say("/coprod admin export actions", user="alex"))
    assert "admin" in text.lower()  # alex is no admin: refused
    replies = await chat.say("/coprod admin export actions", user="ada")
    text = words(replies)
    assert replies[0]["visibility"] == "private"
    assert "`scope,channel,number,text,principle,status,owner,created,due,closed,note`" in text
    assert (
        "`local:local,general,1,Send the notes,5,done,sam,2026-12-07,2026-12-11,2026-12-07,Sent`"
        in text
    )
    assert "'=HYPERLINK(1)" in text  # a formula is made inert
    assert "alex" not in text  # never who created an action
    assert "python app.py export --what actions --scope local:local" in text


async def test_the_command_line_exports_actions(
    chat: Chat, settings: Settings, tmp_path: Path
) -> None:
    await chat.say("/coprod action add Send the notes for @sam by Friday p5")
    csv_text = await actions_csv(chat.runtime.core.store, "local:local")
    assert csv_text.splitlines()[1].startswith("local:local,general,1,Send the notes,5,open,sam")
    await chat.runtime.core.store.close()  # let the command line open the file
    out = tmp_path / "actions.csv"
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, str(ROOT / "app.py"), "export", "--what", "actions", "--out", str(out)],
        env={"COPROD_DB": settings.COPROD_DB, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text() == csv_text
    bad = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, str(ROOT / "app.py"), "export", "--what", "everything"],
        env={"COPROD_DB": settings.COPROD_DB, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert bad.returncode == 2 and "--what actions" in bad.stderr
