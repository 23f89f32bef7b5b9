"""`report` trends and the anonymous CSV export (function and `python app.py export`)."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest

from bot.check.cards import spread_bar, trend_spark
from bot.check.export import COLUMNS, results_csv, to_csv
from runtime.cli import main
from tests.check.conftest import ROUND2, card_text, cards_with, submit, submit_all
from tests.conftest import Chat

PEOPLE = [f"{name}.q-respondent" for name in ("ann", "bob", "cat", "dan", "eve")]


async def two_rounds(chat: Chat, *, close_second: bool = True) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, PEOPLE, "1 2 3 4 0 1 2 3", "partner")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    await submit_all(chat, PEOPLE, "4 2 2 4 4 1 2 3", "staff", round_key=ROUND2)
    await submit(chat, "late.q-respondent", "4 4 4 4 4 4 4 4", round_key=ROUND2)
    if close_second:
        await chat.say("/coprod check close")


async def test_report_shows_each_principle_across_rounds(chat: Chat) -> None:
    assert "no check results" in (await chat.say("/coprod report"))[0]["text"]
    await two_rounds(chat)
    replies = await chat.say("/coprod report")
    assert replies[0]["visibility"] == "public"
    text = card_text(cards_with(replies, "report")[0])
    assert "**1. Embed Co-production**: `▁█` 1.0 → 4.0" in text
    assert "**5. Foster Open and Transparent Communication**: `·█` 4.0" in text
    assert "Based on 2 checks" in text


def test_text_bars() -> None:
    assert spread_bar([0, 1, 2, 3], 6) == "·▃▄▅"  # share of all 6 people
    assert spread_bar([3, 0, 0, 0], 3) == "█···"
    assert trend_spark([1.0, 2.5, 4.0, None]) == "▁▅█·"


async def test_the_report_leaves_out_open_rounds(chat: Chat) -> None:
    await two_rounds(chat, close_second=False)
    text = card_text(cards_with(await chat.say("/coprod report"), "report")[0])
    assert "**1. Embed Co-production**: `▁` 1.0" in text and "Based on 1 check that" in text


async def test_export_rows_are_anonymous_per_round_and_principle(chat: Chat) -> None:
    await chat.say("/coprod check", user="opener.q-respondent")
    await submit(chat, PEOPLE[0], "4 4 4 4 4 4 4 4")
    await chat.say("/coprod check close confirm", user="opener.q-respondent")  # 1: no rows
    await chat.say("/coprod check")
    await submit_all(chat, PEOPLE, "1 2 3 4 0 1 2 3", "partner", round_key=ROUND2)
    await chat.say("/coprod check", user="opener.q-respondent")  # still open: no rows yet
    assert await results_csv(chat.runtime.store) == to_csv([])
    await chat.say("/coprod check close")
    text = await results_csv(chat.runtime.store)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 8
    assert tuple(rows[0]) == COLUMNS
    first = rows[0]
    assert (first["scope"], first["channel"], first["round"], first["principle"]) == (
        "local:local",
        "general",
        "2",
        "1",
    )
    assert (first["responses"], first["average"], first["not_yet"]) == ("5", "1.00", "5")
    assert rows[4]["dont_know"] == "5" and rows[4]["average"] == ""
    assert first["opened"] == "2026-01-05" and first["closed"] == "2026-01-05"
    for person in [*PEOPLE, "opener.q-respondent"]:
        assert person not in text
    assert await results_csv(chat.runtime.store, "slack:T1") == to_csv([])


def test_csv_cells_cannot_start_a_formula() -> None:
    row = dict.fromkeys(COLUMNS, "")
    row["channel_name"] = "=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in to_csv([row])


async def test_export_command_writes_csv_to_stdout_and_to_a_file(
    chat: Chat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await two_rounds(chat)
    await chat.runtime.store.close()  # one process per store file
    monkeypatch.setenv("COPROD_DB", chat.runtime.settings.COPROD_DB)
    assert await asyncio.to_thread(main, ["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 16
    assert {r["round"] for r in rows} == {"1", "2"}
    assert rows[8]["responses"] == "6"
    assert rows[8]["average"] == "4.00"
    assert rows[9]["average"] == "2.33"  # 2, 2, 2, 2, 2 and 4: rounded once
    assert rows[8]["staff_average"] == ""  # 5 staff but no partners: no comparison
    assert not any(p in out for p in PEOPLE)
    target = tmp_path / "results.csv"
    assert await asyncio.to_thread(main, ["export", "--out", str(target)]) == 0
    assert target.read_text() == out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["export", "--format", "xml"], "--format xml"),
        (["export", "--scope", "nonsense"], "--scope nonsense"),
    ],
)
def test_export_bad_input_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_export_of_a_missing_store_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPROD_DB", str(tmp_path / "nothing.json"))
    assert main(["export"]) == 2
    assert "COPROD_DB" in capsys.readouterr().err
