"""A cache of the compiled jargon lists, so the command line can skip YAML and validation.

`cached_lexicon()` loads plain data from the cache when every source is unchanged, and
otherwise validates the lists as start-up does and writes the cache.

The key is a hash of the contents of every list file (the shipped ones and the pack folder's)
and of the code that reads them and turns them into data, so editing any of them, or changing
COPROD_PROMPTS_DIR, makes a new entry. Entries are written whole (a temporary file renamed),
so two runs at once never read half a file. The cache holds only the lists, never any text
that was checked. It lives in COPROD_CACHE_DIR, else $XDG_CACHE_HOME/coprod or ~/.cache/coprod;
when that cannot be written the lists are compiled every time, which is only slower."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import orjson

from .lexicon import Lexicon

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "prompts" / "jargon"
FILES = ("language.yaml", "terms.yaml", "conditional.yaml", "existence.yaml", "acronyms.yaml")
# The code whose output the cache holds: reading and validating the files, and lexicon_data.
CODE = (
    ROOT / "bot" / "prompts" / "yamlfile.py",
    ROOT / "bot" / "prompts" / "wordlists.py",
    ROOT / "bot" / "prompts" / "jargon_files.py",
    ROOT / "bot" / "jargon" / "inflect.py",
    ROOT / "bot" / "jargon" / "lexicon.py",
    Path(__file__).resolve(),
)
FORMAT = b"coprod jargon lists 1"
KEEP = 8  # entries kept; older ones are deleted when a new one is written


def cache_dir() -> Path:
    found = os.environ.get("COPROD_CACHE_DIR")
    if found:
        return Path(found)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coprod"


def sources(pack: Path | None) -> list[Path]:
    folders = [SHIPPED] + ([pack / "jargon"] if pack is not None else [])
    return [*CODE, *(folder / name for folder in folders for name in FILES)]


def key(pack: Path | None) -> str:
    """A hash of every source's path and contents (a missing file counts as missing)."""
    digest = hashlib.blake2b(FORMAT, digest_size=20)
    for path in sources(pack):
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError:
            digest.update(b"\0missing\0")
        digest.update(b"\0")
    return digest.hexdigest()


def _compile(pack: Path | None) -> dict[str, object]:
    """Validate the lists as start-up does (DataFileError with file and line on a problem)."""
    from ..prompts.jargon_files import load_lists, merge_lists
    from ..prompts.yamlfile import DataFileError
    from .lexicon import lexicon_data

    problems: list[str] = []
    if pack is not None and not pack.is_dir():
        raise DataFileError([f"{pack}: prompt pack folder not found (COPROD_PROMPTS_DIR)"])
    lists = load_lists(SHIPPED, problems, required=True)
    if pack is not None:
        lists = merge_lists(lists, load_lists(pack / "jargon", problems, required=False))
    if problems:
        raise DataFileError(problems)
    return lexicon_data(lists)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".jargon-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
        entries = sorted(path.parent.glob("jargon-*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only or full disk only makes the next run slower


def cached_lexicon(pack: Path | None = None) -> Lexicon:
    """The compiled shipped lists, with the pack folder's lists (`pack/jargon/`) merged in."""
    path = cache_dir() / f"jargon-{key(pack)}.json"
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        data = _compile(pack)
        _write(path, orjson.dumps(data))
    return Lexicon.from_data(data)
