"""Renderer snapshot files: compare rendered JSON, or rewrite it with UPDATE_SNAPSHOTS=1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def match_snapshot(folder: Path, name: str, rendered: Any, *, platform: str) -> None:
    """Assert `rendered` equals `folder/<name>.json`; with UPDATE_SNAPSHOTS=1, write it instead."""
    path = folder / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(json.dumps(rendered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    test_file = (folder.parent / "test_render.py").relative_to(ROOT)
    assert path.exists(), (
        f"No {platform} snapshot for catalogue card {name!r}. Create it with "
        f"`UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest {test_file}` and review "
        f"{path.relative_to(ROOT)}."
    )
    assert json.loads(path.read_text(encoding="utf-8")) == rendered, (
        f"{platform} rendering of {name!r} changed; if intended, regenerate with UPDATE_SNAPSHOTS=1"
    )
