"""The word lists: shipped size, validation with file and line, and a pack folder's additions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.jargon import compiled, scan
from bot.prompts import check_folder, load_pack, load_shipped

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_lists_are_big_and_complete() -> None:
    lists = load_shipped().jargon
    assert len(lists.terms) >= 150
    assert all(t.plain and t.why for t in lists.terms)
    assert {"UK", "NHS", "GP", "EU", "ID", "OK"} <= lists.allow
    assert lists.expansions["ICB"] == "integrated care board"
    for word in ("agenda", "key", "drive", "foster", "deliver"):
        entry = lists.term(word)
        assert entry is not None and entry.literal, word


def test_every_term_is_found_in_a_sentence_of_its_own() -> None:
    lexicon = compiled(load_shipped().jargon)
    missed = [
        t.term
        for t in lexicon.terms
        if not t.literal and not scan(f"Honestly, {t.term}, I think.", lexicon)
    ]
    assert not missed


def _pack(tmp_path: Path, terms: str, acronyms: str = "") -> Path:
    folder = tmp_path / "pack"
    (folder / "jargon").mkdir(parents=True)
    (folder / "jargon" / "terms.yaml").write_text(terms)
    if acronyms:
        (folder / "jargon" / "acronyms.yaml").write_text(acronyms)
    return folder


def test_a_pack_folder_adds_terms_and_allowed_acronyms(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        "terms:\n  - term: huddle up\n    inflect: true\n    head: first\n"
        "    plain: [meet]\n    why: Our own office slang.\n",
        "allow: [PCN]\nexpansions:\n  QZR: quarterly review\n",
    )
    assert check_folder(folder) == []
    pack = load_pack(folder)
    lexicon = compiled(pack.jargon)
    found = scan("Let's huddled up with the PCN and the QZR.", lexicon)
    assert [(f.term, f.kind) for f in found] == [("huddle up", "jargon"), ("QZR", "acronym")]
    assert found[1].suggestions == ("quarterly review",)
    assert len(pack.jargon.terms) == len(load_shipped().jargon.terms) + 1


def test_check_prompts_names_file_and_line_of_bad_list_entries(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        "terms:\n"
        "  - term: fine word\n    plain: [ok]\n    why: A good reason.\n"
        "  - term: fine word\n    plain: [ok]\n    why: Said twice.\n"
        "  - term: x\n    plain: []\n    why: Too short.\n"
        "  - term: nice\n    plain: [good]\n    why: Has a bad rule.\n    literal:\n      - {}\n",
        "allow: [NOT AN ACRONYM!]\n",
    )
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    err = result.stderr
    terms, acronyms = folder / "jargon" / "terms.yaml", folder / "jargon" / "acronyms.yaml"
    assert f"{terms}:8: terms.2.term" in err
    assert f"{terms}:9: terms.2.plain" in err
    assert f"{terms}:15: terms.3.literal.0" in err
    assert f"{acronyms}:1: allow.0" in err
    assert "Traceback" not in err


def test_duplicate_terms_are_refused_with_their_line(tmp_path: Path) -> None:
    folder = _pack(
        tmp_path,
        "terms:\n"
        "  - term: fine word\n    plain: [ok]\n    why: A good reason.\n"
        "  - term: Fine Word\n    plain: [ok]\n    why: Said twice.\n",
    )
    problems = check_folder(folder)
    assert problems == [
        f"{folder / 'jargon' / 'terms.yaml'}:5: term 'fine word' is already listed (entry 1)"
    ]
