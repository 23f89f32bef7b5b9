"""Issue 15: every reflection question has a kind that fits it (`vote`: Yes / Partly / No;
`talk`: open, answered in the thread), as data in prompts/ and in admins' prompts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.prompts import load_shipped
from bot.prompts.kinds import default_kind, plainly_open
from bot.prompts.pack import check_folder

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_reflection_has_a_kind_that_fits_it() -> None:
    """Defect: 18 of the 33 questions were open yet offered Yes / Partly / No."""
    pack = load_shipped()
    for number, principle in pack.principles.items():
        kinds = [q.kind for q in principle.reflections]
        assert None not in kinds, f"principle {number}: a reflection without a kind"
        assert kinds.count("vote") >= 2 and kinds.count("talk") >= 2, (number, kinds)
        for q in principle.reflections:
            assert not (q.kind == "vote" and plainly_open(q.text)), q.id


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What went well today?", "talk"),
        ("whose voice did we hear?", "talk"),
        ("  How long is our funding?", "talk"),
        ("Did everyone get a turn?", "vote"),
        ("Whatever happens, did we agree?", "vote"),
    ],
)
def test_the_default_kind_follows_the_first_word(text: str, kind: str) -> None:
    assert default_kind(text) == kind


def test_check_prompts_refuses_a_plainly_open_vote_question_and_says_how_to_fix(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "principles.yaml").write_text(
        "principles:\n"
        "  - number: 4\n"
        "    reflections:\n"
        "      - id: p4.reflection.9\n"
        "        kind: vote\n"
        "        text: What did we learn today?\n"
        "      - id: p4.reflection.10\n"
        "        text: What else could we try?\n"
    )
    result = subprocess.run(
        [sys.executable, "app.py", "check-prompts", str(pack)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert f"{pack / 'principles.yaml'}:4: principles.0.reflections.0" in result.stderr
    assert "starts with 'What'" in result.stderr and "kind: talk" in result.stderr
    assert "yes/no question" in result.stderr
    assert "reflections.1" not in result.stderr  # no kind given: it is a talk question
    assert "Traceback" not in result.stderr
    (pack / "principles.yaml").write_text(
        (pack / "principles.yaml").read_text().replace("kind: vote", "kind: talk")
    )
    assert check_folder(pack) == []
