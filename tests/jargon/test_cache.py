"""The command line's cache of compiled lists: reused, rebuilt on any change, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.jargon import cache, compiled
from bot.jargon.cache import cached_lexicon, key
from bot.jargon.scan import scan
from bot.prompts import DataFileError, load_shipped

ROOT = Path(__file__).resolve().parents[2]
HUDDLE = "terms:\n  - term: huddle up\n    plain: [meet]\n    why: Our own office slang.\n"


def run(stdin: bytes, cache_dir: Path, pack: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COPROD_CACHE_DIR": str(cache_dir)}
    env.pop("COPROD_PROMPTS_DIR", None)
    if pack is not None:
        env["COPROD_PROMPTS_DIR"] = str(pack)
    return subprocess.run(
        [sys.executable, "app.py", "jargon", "--json"],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        env=env,
    )


def terms(result: subprocess.CompletedProcess) -> list[str]:
    return [f["term"] for f in json.loads(result.stdout)["findings"]]


def test_the_cached_lists_find_what_the_pack_lists_find(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_CACHE_DIR", str(tmp_path))
    cold = cached_lexicon()
    [entry] = list(tmp_path.glob("jargon-*.json"))
    warm = cached_lexicon()
    shipped = compiled(load_shipped().jargon)
    text = "Going forward, drive change with key stakeholders, e.g. the ICB, in this space."
    expected = [(f.term, f.start, f.end, f.level) for f in scan(text, shipped)]
    for lexicon in (cold, warm):
        assert [(f.term, f.start, f.end, f.level) for f in scan(text, lexicon)] == expected
    assert list(tmp_path.glob("jargon-*.json")) == [entry]


def test_a_changed_pack_file_makes_a_new_entry_and_is_used(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "jargon").mkdir(parents=True)
    (pack / "jargon" / "terms.yaml").write_text(HUDDLE)
    store = tmp_path / "cache"
    assert terms(run(b"Time to huddle up.\n", store, pack)) == ["huddle up"]
    (pack / "jargon" / "terms.yaml").write_text(HUDDLE.replace("huddle up", "sync up"))
    assert terms(run(b"Time to huddle up and sync up.\n", store, pack)) == ["sync up"]
    assert len(list(store.glob("jargon-*.json"))) == 2


def test_a_broken_pack_file_is_reported_even_after_a_good_run(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "jargon").mkdir(parents=True)
    (pack / "jargon" / "terms.yaml").write_text(HUDDLE)
    store = tmp_path / "cache"
    assert run(b"hello\n", store, pack).returncode == 0
    (pack / "jargon" / "terms.yaml").write_text(HUDDLE.replace("plain: [meet]", "plain: []"))
    result = run(b"hello\n", store, pack)
    assert result.returncode == 2
    assert f"{pack / 'jargon' / 'terms.yaml'}:3: terms.0.plain" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_a_missing_pack_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run(b"hello\n", tmp_path / "cache", tmp_path / "nowhere")
    assert result.returncode == 2
    assert b"prompt pack folder not found (COPROD_PROMPTS_DIR)" in result.stderr


def test_a_damaged_or_unwritable_cache_is_never_a_reason_to_fail(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    store.mkdir()
    (store / f"jargon-{key(None)}.json").write_bytes(b"{not json")
    assert terms(run(b"We will leverage it.\n", store)) == ["leverage"]
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    assert terms(run(b"We will leverage it.\n", blocked)) == ["leverage"]


def test_the_key_changes_with_the_code_that_reads_the_lists(tmp_path: Path, monkeypatch) -> None:
    code = tmp_path / "reader.py"
    code.write_text("one")
    monkeypatch.setattr(cache, "CODE", (code,))
    before = key(None)
    assert key(None) == before
    code.write_text("two")
    assert key(None) != before


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_CACHE_DIR", str(tmp_path))
    for i in range(cache.KEEP + 3):
        (tmp_path / f"jargon-old{i}.json").write_text("{}")
        os.utime(tmp_path / f"jargon-old{i}.json", (1_000_000 + i, 1_000_000 + i))
    cached_lexicon()
    assert len(list(tmp_path.glob("jargon-*.json"))) == cache.KEEP


def test_the_command_line_with_a_warm_cache_loads_no_validation_or_platform_code(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "COPROD_CACHE_DIR": str(tmp_path)}
    env.pop("COPROD_PROMPTS_DIR", None)
    probe = (
        "import sys, io\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'We will leverage it.'))\n"
        "from runtime.cli import main\n"
        "code = main(['jargon', '--json'])\n"
        "heavy = ('pydantic', 'yaml', 'bot.prompts', 'slack_bolt', 'aiohttp', 'botbuilder')\n"
        "print(code, [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
    )
    for _warm_up in range(2):
        result = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, env=env, check=True
        )
    assert result.stderr.decode().strip().splitlines()[-1] == "0 []"
    assert b'"term":"leverage"' in result.stdout


def test_an_unknown_problem_is_not_hidden(monkeypatch) -> None:
    from runtime import cli

    with pytest.raises(ZeroDivisionError):
        cli.COMMANDS["boom"] = ("", lambda _args: 1 // 0, lambda _p: None)
        try:
            cli.main(["boom"])
        finally:
            cli.COMMANDS.pop("boom")


def test_data_file_errors_name_the_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_CACHE_DIR", str(tmp_path))
    with pytest.raises(DataFileError):
        cached_lexicon(tmp_path / "nowhere")
