"""The shareable report: `report file` in chat sends it privately as a signed link that
expires, and `python app.py report` writes the same HTML; it is self-contained, follows the
minimum group size and says what the framework is."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest

from runtime.cli import main
from tests.conftest import Chat

from .sample import three_checks, with_actions


async def fetch(chat: Chat, link: str) -> tuple[int, bytes, dict[str, str]]:
    async with chat.session.get(chat.base + link) as resp:
        return resp.status, await resp.read(), dict(resp.headers)


async def test_report_file_is_sent_privately_as_a_signed_link(chat: Chat) -> None:
    await three_checks(chat)
    (reply,) = await chat.say("/coprod report file")
    assert reply["visibility"] == "private"
    assert reply["file"]["mime"] == "text/html" and reply["file"]["name"].endswith(".html")
    link = reply["link"]
    assert link.startswith("/files/") and link in reply["html"]
    status, body, headers = await fetch(chat, link)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["Cache-Control"] == "no-store"
    page = body.decode()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    # Someone else's message never carries the link: the reply went to this person only.
    polled = await chat.say("/coprod help", user="someone-else")
    assert link not in str(polled)


async def test_a_tampered_or_expired_link_is_refused(chat: Chat) -> None:
    await three_checks(chat)
    (reply,) = await chat.say("/coprod report file")
    link = reply["link"]
    name, stamp, signature = link.removeprefix("/files/").split(".")
    later = f"/files/{name}.{int(stamp) + 3600}.{signature}"
    forged = f"/files/{name}.{stamp}.{'A' * len(signature)}"
    for bad in (later, forged, "/files/nothing"):
        status, body, _ = await fetch(chat, bad)
        assert status == 404 and b"expired" in body
    chat.runtime.core.clock.advance(hours=24, seconds=1)  # type: ignore[attr-defined]
    status, _, _ = await fetch(chat, link)
    assert status == 404


async def test_the_report_follows_the_minimum_and_needs_nothing_outside(chat: Chat) -> None:
    await three_checks(chat)
    (reply,) = await chat.say("/coprod report file")
    _, body, _ = await fetch(chat, reply["link"])
    page = body.decode()
    pack = chat.runtime.core.pack
    assert pack.source.title in page and pack.source.authors in page
    assert pack.definition in page
    # Two checks with results; the third (2 answers) appears nowhere.
    assert "2 checks with results" in page and "check 3" not in page.lower()
    assert page.count('role="img"') == 2  # the trend, and partners and staff side by side
    assert "Where partners and staff see things differently" in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external requests
    assert "url(http" not in page and "@import" not in page


async def test_report_file_with_nothing_to_report_says_so(chat: Chat) -> None:
    (reply,) = await chat.say("/coprod report file")
    assert reply["file"] is None and "nothing to report" in reply["text"]


async def test_python_app_report_writes_the_html(
    chat: Chat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await three_checks(chat)
    copy = tmp_path / "copy.json"
    shutil.copy(chat.runtime.settings.COPROD_DB, copy)
    monkeypatch.setenv("COPROD_DB", str(copy))
    out = tmp_path / "report.html"
    args = ["report", "--scope", "local:local", "--channel", "general", "--format", "html"]
    assert await asyncio.to_thread(main, [*args, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "2 checks with results" in page and page.count('role="img"') == 2
    assert "Wrote the report (2 checks with results)" in capsys.readouterr().err
    assert main(["report", "--scope", "local:local", "--format", "pdf"]) == 2
    assert main(["report", "--scope", "nonsense", "--format", "html"]) == 2


async def test_the_report_says_what_we_did_and_counts_the_tips(chat: Chat) -> None:
    await three_checks(chat)
    await with_actions(chat)
    tips = await chat.say("Let's touch base and leverage it.", user="sam")
    assert [t["card"]["id"] for t in tips] == ["jargon.warning"]
    (reply,) = await chat.say("/coprod report file")
    _, body, _ = await fetch(chat, reply["link"])
    page = body.decode()
    assert "You said, we did" in page
    assert "2 actions done, 1 dropped, and 0 still open." in page
    assert "Put the minutes in easy read" in page and "Sent as a one-page summary" in page
    assert "The library is closed on Tuesdays" in page
    assert page.count('role="img"') == 3  # the two check charts, and actions done by principle
    assert "Actions done, by principle" in page
    assert "The bot gave 1 plain-words tip," in page


async def test_the_report_for_one_channel_leaves_out_other_channels_actions(chat: Chat) -> None:
    await three_checks(chat)
    await chat.say("/coprod action add Only in general <img src=x onerror=alert(1)>")
    await chat.say("/coprod action add Only in another room", channel="elsewhere")
    await chat.say("/coprod action done 1", channel="general")
    await chat.say("/coprod action done 1", channel="elsewhere")
    (reply,) = await chat.say("/coprod report file")
    _, body, _ = await fetch(chat, reply["link"])
    page = body.decode()
    assert "Only in general" in page and "Only in another room" not in page
    assert "<img src=x" not in page  # the team's words are text, never markup


async def test_report_file_with_actions_but_no_checks_sends_the_actions(chat: Chat) -> None:
    await with_actions(chat)
    (reply,) = await chat.say("/coprod report file")
    assert reply["file"] is not None and reply["visibility"] == "private"
    _, body, _ = await fetch(chat, reply["link"])
    page = body.decode()
    assert "You said, we did" in page and "Put the minutes in easy read" in page
    assert "Plain words" not in page  # no tips given: no line for them
