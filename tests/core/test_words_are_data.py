"""Fitness test (issue 14, improvement 4): the renderers write no words of their own. Every
label a renderer needs (the Slack form button, the Teams required-answer message) is passed in
from the prompt pack, so no parameter of a rendering module defaults to English, and the
snapshots are rendered with the shipped pack's words, as production renders them.

Its sibling `test_no_words_in_code.py` covers every other place where words go (usage and
example lines, audit labels, replies, cards, payloads)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERERS = [
    *sorted((ROOT / "adapters").glob("*/render.py")),
    ROOT / "adapters/teams/rich.py",
    ROOT / "adapters/teams/text.py",
    ROOT / "adapters/teams/charts.py",
    ROOT / "adapters/teams/files.py",
    ROOT / "adapters/slack/modal.py",
    ROOT / "adapters/slack/mrkdwn.py",
]


def _worded(node: ast.expr | None) -> str | None:
    """A string constant with a letter in it (words, not a separator or a format)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if any(ch.isalpha() for ch in node.value):
            return node.value
    return None


def english_defaults(path: Path) -> list[str]:
    """Each function parameter in `path` whose default is words: "line name: 'words'"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                words = _worded(default)
                if words is not None:
                    found.append(f"{node.lineno} {node.name}: {words!r}")
    return found


def test_no_rendering_function_defaults_to_english_words() -> None:
    assert all(p.exists() for p in RENDERERS), [p for p in RENDERERS if not p.exists()]
    offenders = [
        f"{path.relative_to(ROOT)}:{line}" for path in RENDERERS for line in english_defaults(path)
    ]
    assert offenders == [], offenders


def test_the_scan_catches_an_english_default(tmp_path: Path) -> None:
    """The scan notices the defect it guards against, and leaves separators alone."""
    sample = tmp_path / "render.py"
    sample.write_text('def card(c, *, label: str = "Open", sep: str = ", ") -> None: ...\n')
    assert english_defaults(sample) == ["1 card: 'Open'"]
