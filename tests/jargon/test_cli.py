"""`python app.py jargon [--json]` on standard input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(data: bytes, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "app.py", "jargon", *args],
        cwd=ROOT,
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
    )


def test_json_output_one_object_per_line() -> None:
    text = "We will leverage the ICB.\nThanks all!\n"
    result = run(text.encode(), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [x["line"] for x in lines] == [1, 2]
    first = lines[0]["findings"]
    assert first[0] == {
        "term": "leverage",
        "kind": "jargon",
        "start": 8,
        "end": 16,
        "suggestions": ["use", "build on", "make the most of"],
    }
    assert first[1]["term"] == "ICB" and first[1]["kind"] == "acronym"
    assert lines[1]["findings"] == []


def test_readable_output() -> None:
    result = run(b"Going forward, please.\nHello\n")
    assert result.returncode == 0
    out = result.stdout.decode().splitlines()
    assert out[0].startswith("1: 'Going forward' (jargon, 0-13)")
    assert out[1] == "2: nothing found"


def test_empty_input_is_fine() -> None:
    result = run(b"", "--json")
    assert result.returncode == 0
    assert result.stdout == b""


def test_input_that_is_not_utf8_exits_2_with_a_clear_message() -> None:
    result = run(b"caf\xe9 leverage\n", "--json")
    assert result.returncode == 2
    assert b"not UTF-8" in result.stderr
    assert b"Traceback" not in result.stderr


def test_uses_the_prompt_pack_folder_when_set(tmp_path: Path) -> None:
    folder = tmp_path / "pack" / "jargon"
    folder.mkdir(parents=True)
    (folder / "terms.yaml").write_text(
        "terms:\n  - term: huddle up\n    plain: [meet]\n    why: Our own office slang.\n"
    )
    result = run(b"Time to huddle up.\n", "--json", env={"COPROD_PROMPTS_DIR": str(folder.parent)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"][0]["term"] == "huddle up"
