"""The rule files of each kind: validation, pack folders, and a second language's lists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.jargon import compiled, scan
from bot.jargon.inflect import endings
from bot.jargon.lexicon import lexicon_data
from bot.prompts import check_folder, load_pack, load_shipped

ROOT = Path(__file__).resolve().parents[2]
GOOD_CONDITIONAL = (
    "conditional:\n"
    "  - term: land\n"
    "    plain: [go down well]\n"
    "    why: Office talk for how news is received.\n"
    "    only_when:\n"
    "      - after: [with, well]\n"
)


def pack(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "pack"
    for name, text in files.items():
        path = folder / "jargon" / name.replace("__", "/").replace("_yaml", ".yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (folder / "jargon").mkdir(parents=True, exist_ok=True)
    return folder


def test_check_prompts_names_file_and_line_in_every_kind_of_file(tmp_path: Path) -> None:
    folder = pack(
        tmp_path,
        conditional_yaml=(
            "conditional:\n"
            "  - term: land\n"
            "    plain: [go down well]\n"
            "    why: Office talk for how news is received.\n"
            "  - term: steer\n"
            "    plain: [advice]\n"
            "    why: Office talk for advice.\n"
            "    only_when:\n"
            "      - before: [a]\n"
            "        gap: 2\n"
            "      - after: [on]\n"
            "        gap: 9\n"
        ),
        existence_yaml=(
            "existence:\n  - term: the needy\n    why: A label that puts people down.\n"
        ),
        language_yaml=(
            "code: en\nname: English\nendings:\n  - ending: '(unclosed'\n    forms: [+s]\n"
        ),
    )
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    err = result.stderr
    jargon = folder / "jargon"
    assert f"{jargon / 'conditional.yaml'}:2: conditional.0.only_when: Field required" in err
    assert f"{jargon / 'conditional.yaml'}:9: conditional.1.only_when.0" in err  # gap, no after
    assert f"{jargon / 'conditional.yaml'}:12: conditional.1.only_when.1.gap" in err
    assert f"{jargon / 'existence.yaml'}:2: existence.0.advice: Field required" in err
    assert f"{jargon / 'language.yaml'}:4: endings.0.ending" in err
    assert "Traceback" not in err


def test_a_term_listed_in_two_files_is_refused_naming_both(tmp_path: Path) -> None:
    folder = pack(
        tmp_path,
        terms_yaml="terms:\n  - term: huddle\n    plain: [meet]\n    why: Our office slang.\n",
        existence_yaml=(
            "existence:\n  - term: huddle\n    advice: Say meet.\n    why: Listed twice.\n"
        ),
    )
    jargon = folder / "jargon"
    first = jargon / "terms.yaml"
    assert check_folder(folder) == [
        f"{jargon / 'existence.yaml'}:2: term 'huddle' is already listed ({first}:2)"
    ]


def test_a_pack_folder_adds_a_conditional_rule(tmp_path: Path) -> None:
    folder = pack(tmp_path, conditional_yaml=GOOD_CONDITIONAL)
    assert check_folder(folder) == []
    lexicon = compiled(load_pack(folder).jargon)
    assert [f.term for f in scan("How will this land with parents?", lexicon)] == ["land"]
    assert scan("The plane will land at six.", lexicon) == []


def test_a_pack_rule_replaces_a_shipped_rule_of_another_kind(tmp_path: Path) -> None:
    folder = pack(
        tmp_path,
        terms_yaml="terms:\n  - term: drive\n    plain: [push]\n    why: We never say drive.\n",
    )
    lists = load_pack(folder).jargon
    assert [r.kind for r in lists.rules() if r.term == "drive"] == ["substitution"]
    assert [f.term for f in scan("Can you drive the minibus?", compiled(lists))] == ["drive"]


def test_english_endings_are_data_in_language_yaml() -> None:
    lists = load_shipped().jargon
    assert lists.language is not None and lists.language.code == "en"
    english = lists.language.model_dump()
    assert endings("leverage", english) == {"leverage", "leverages", "leveraged", "leveraging"}
    assert endings("apply", english) == {"apply", "applies", "applied", "applying"}
    assert endings("focus", english) >= {"focuses", "focused"}
    assert endings("agree", english) >= {"agrees", "agreed", "agreeing"}
    assert endings("go", english) == {"go"}  # shorter than `shortest`
    assert endings("s106", english) == {"s106"}


def test_a_pack_language_file_changes_how_words_take_endings(tmp_path: Path) -> None:
    folder = pack(tmp_path, language_yaml="code: en\nname: English, no endings\n")
    lexicon = compiled(load_pack(folder).jargon)
    assert [f.term for f in scan("We should leverage this.", lexicon)] == ["leverage"]
    assert scan("We are leveraging this.", lexicon) == []


def test_a_second_language_is_loaded_from_its_own_folder(tmp_path: Path) -> None:
    folder = pack(
        tmp_path,
        cy__language_yaml=(
            "code: cy\nname: Cymraeg\nendings:\n  - ending: ''\n    forms: ['+au']\n"
        ),
        cy__terms_yaml=(
            "terms:\n  - term: rhanddeiliad\n    forms: [rhanddeiliaid]\n    inflect: true\n"
            "    plain: [pobl sydd â diddordeb]\n    why: Gair swyddfa am bobl.\n"
        ),
        cy__acronyms_yaml="allow: [BBC]\nnever:\n  days: [LLUN, MAWRTH]\n",
    )
    assert check_folder(folder) == []
    loaded = load_pack(folder)
    welsh = loaded.jargon_languages["cy"]
    assert welsh.language is not None and welsh.language.name == "Cymraeg"
    assert "LLUN" in welsh.allow and loaded.jargon.term("rhanddeiliad") is None
    lexicon = compiled(welsh)
    assert lexicon.language == "cy"
    found = scan("Mae'r rhanddeiliaid a'r rhanddeiliadau yma ddydd LLUN.", lexicon)
    assert [f.term for f in found] == ["rhanddeiliad", "rhanddeiliad"]
    assert lexicon_data(welsh)["language"] == "cy"


def test_a_new_language_must_be_complete_and_named_by_its_folder(tmp_path: Path) -> None:
    folder = pack(tmp_path, cy__language_yaml="code: gd\nname: Gàidhlig\n")
    problems = check_folder(folder)
    jargon = folder / "jargon" / "cy"
    assert f"{jargon / 'terms.yaml'}: missing (the jargon word lists live here)" in problems
    assert f"{jargon / 'acronyms.yaml'}: missing (the jargon word lists live here)" in problems
    assert f"{jargon / 'language.yaml'}:1: code 'gd' does not match its folder 'cy'" in problems
