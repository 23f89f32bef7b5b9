"""The shipped prompt pack is complete and faithful; broken packs fail with file and line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.prompts import check_folder, load_shipped
from bot.prompts.pack import SHIPPED_DIR
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]


def seed_text() -> str:
    return " ".join((SEED / "local-voice-framework-principles.txt").read_text().split())


def test_shipped_pack_is_complete() -> None:
    pack = load_shipped()
    assert sorted(pack.principles) == list(range(1, 9))
    for p in pack.principles.values():
        assert len(p.reflections) >= 3
        assert len(p.reminders) >= 2
        assert p.check_statement.text
        assert len(p.next_steps) >= 2
        assert all(r.text.endswith("?") for r in p.reflections)


def test_quoted_fields_are_faithful_to_the_framework() -> None:
    seed = seed_text()
    pack = load_shipped()
    assert " ".join(pack.definition.split()) in seed
    for p in pack.principles.values():
        assert f"{p.number}. {p.title}" in seed
        for quoted in (p.statement, p.description, p.examples):
            assert " ".join(quoted.split()) in seed, quoted[:60]


def test_prompt_ids_are_unique_and_stable() -> None:
    pack = load_shipped()
    ids = [q.id for _p, _k, q in pack.all_prompts()]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^p[1-8]\.", i) for i in ids)


def test_check_prompts_accepts_the_shipped_pack() -> None:
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(SHIPPED_DIR)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def _broken_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    (pack / "messages").mkdir(parents=True)
    (pack / "principles.yaml").write_text(
        "principles:\n"
        "  - number: 4\n"
        "    reflections:\n"
        "      - id: p4.reflection.9\n"
        "        text: Who chaired today?\n"
        "  - number: 11\n"
        "    reminders:\n"
        "      - id: BAD ID\n"
        "        text: ''\n"
    )
    (pack / "messages" / "extra.yaml").write_text("help.title: ok\nno.such.message: hello\n")
    return pack


def test_check_prompts_names_file_and_line_of_each_problem(tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path)
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(pack)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    err = result.stderr
    assert f"{pack / 'principles.yaml'}:6: principles.1.number" in err
    assert f"{pack / 'principles.yaml'}:8: principles.1.reminders.0.id" in err
    assert f"{pack / 'principles.yaml'}:9: principles.1.reminders.0.text" in err
    assert f"{pack / 'messages' / 'extra.yaml'}:2: unknown message id 'no.such.message'" in err
    assert "Traceback" not in err


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "principles.yaml").write_text("principles:\n  - number: 1\n    reflections: [\n")
    problems = check_folder(pack)
    assert len(problems) == 1
    assert problems[0].startswith(f"{pack / 'principles.yaml'}:")
    assert "not valid YAML" in problems[0]


def test_a_valid_overlay_replaces_a_prompt(tmp_path: Path) -> None:
    from bot.prompts.pack import apply_overlay

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "principles.yaml").write_text(
        "principles:\n  - number: 4\n    reflections:\n"
        "      - id: p4.reflection.1\n        text: Did everyone get a turn to speak today?\n"
    )
    assert check_folder(pack) == []
    merged = apply_overlay(load_shipped(), pack)
    assert merged.principles[4].reflections[0].text == "Did everyone get a turn to speak today?"
    assert len(merged.principles[4].reflections) == len(load_shipped().principles[4].reflections)


def test_full_pack_missing_a_principle_is_refused(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "full"
    shutil.copytree(SHIPPED_DIR, pack)
    text = (pack / "principles.yaml").read_text()
    (pack / "principles.yaml").write_text(text.replace("number: 8", "number: 7"))
    problems = check_folder(pack)
    assert problems and "numbered 1 to 8" in " ".join(problems)


@pytest.mark.parametrize("bad", ["{unclosed", "{0}", "{a.b}"])
def test_messages_with_broken_placeholders_are_refused(tmp_path: Path, bad: str) -> None:
    pack = tmp_path / "pack"
    (pack / "messages").mkdir(parents=True)
    (pack / "messages" / "x.yaml").write_text(f"help.title: 'Hi {bad}'\n")
    problems = check_folder(pack)
    assert problems and ":1:" in problems[0]


def test_a_full_pack_is_loaded_at_start_up_as_it_is_checked(tmp_path: Path) -> None:
    import shutil

    from bot.prompts import load_pack

    pack = tmp_path / "full"
    pack.mkdir()
    shutil.copy(SHIPPED_DIR / "principles.yaml", pack / "principles.yaml")
    text = (pack / "principles.yaml").read_text()
    first = load_shipped().principles[1].reflections[0].text
    (pack / "principles.yaml").write_text(
        text.replace(first, "Did partners join us at the very start?")
    )
    assert check_folder(pack) == []
    loaded = load_pack(pack)
    assert loaded.principles[1].reflections[0].text == "Did partners join us at the very start?"
    assert loaded.prompt_source("p1.reflection.1") == "pack"
