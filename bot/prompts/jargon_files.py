"""Reading the jargon lists from a folder (file and line in every problem), and merging them.

A pack folder's lists are merged over the shipped ones.

A list folder holds `language.yaml`, one file per kind of rule (`terms.yaml` for substitution,
`conditional.yaml`, `existence.yaml`) and `acronyms.yaml`. The shipped English lists live in
`prompts/jargon/`; another language's lists live in a subfolder named by its code
(`prompts/jargon/cy/`) with the same files, and are loaded the same way."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .wordlists import (
    AcronymsFile,
    ConditionalFile,
    ExistenceFile,
    JargonLists,
    LanguageFile,
    TermsFile,
)
from .yamlfile import DataFileError, YamlDoc, load_yaml, validate

# file name, model, key of the list inside it
KINDS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("terms.yaml", TermsFile, "terms"),
    ("conditional.yaml", ConditionalFile, "conditional"),
    ("existence.yaml", ExistenceFile, "existence"),
)
REQUIRED = ("language.yaml", "terms.yaml", "acronyms.yaml")
_LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}$")


def _parse(path: Path, model: type[BaseModel], problems: list[str]) -> tuple[Any, YamlDoc | None]:
    try:
        doc = load_yaml(path)
        return validate(doc, model), doc
    except DataFileError as exc:
        problems.extend(exc.problems)
        return None, None


def load_lists(folder: Path, problems: list[str], *, required: bool) -> JargonLists:
    """Read the lists in `folder`, adding any problems (file and line) to `problems`. Without
    `required`, missing files are fine (a pack folder changes only what it lists); its
    `language` is then None, meaning "the language of the lists it is merged over"."""
    for name in REQUIRED:
        if required and not (folder / name).exists():
            problems.append(f"{folder / name}: missing (the jargon word lists live here)")
    language = None
    if (folder / "language.yaml").exists():
        language, _doc = _parse(folder / "language.yaml", LanguageFile, problems)
    found: dict[str, list[Any]] = {key: [] for _name, _model, key in KINDS}
    seen: dict[str, tuple[str, int, str]] = {}  # term -> (file name, entry index, file:line)
    for name, model, key in KINDS:
        path = folder / name
        if not path.exists():
            continue
        parsed, doc = _parse(path, model, problems)
        if parsed is None or doc is None:
            continue
        for i, entry in enumerate(getattr(parsed, key)):
            where = doc.where((key, i, "term"))
            if entry.term in seen:
                first_name, first_index, first_where = seen[entry.term]
                first = f"entry {first_index + 1}" if first_name == name else first_where
                problems.append(f"{where}: term {entry.term!r} is already listed ({first})")
                continue
            seen[entry.term] = (name, i, where)
            found[key].append(entry)
    acronyms = AcronymsFile()
    if (folder / "acronyms.yaml").exists():
        acronyms = _parse(folder / "acronyms.yaml", AcronymsFile, problems)[0] or acronyms
    never = [w for group in acronyms.never.values() for w in group]
    return JargonLists(
        language=language,
        terms=found["terms"],
        conditional=found["conditional"],
        existence=found["existence"],
        allow=frozenset(a.upper() for a in (*acronyms.allow, *acronyms.words, *never)),
        expansions={k.upper(): v for k, v in acronyms.expansions.items()},
    )


def load_languages(
    folder: Path, problems: list[str], *, known: Collection[str] | None = None
) -> dict[str, JargonLists]:
    """Other languages' lists: each subfolder of `folder` named by a language code. With
    `known` (the languages a pack folder is merged over), only a new language must be
    complete; without it, every one must."""
    out: dict[str, JargonLists] = {}
    if not folder.is_dir():
        return out
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not _LANGUAGE_FOLDER.match(sub.name):
            continue
        required = known is None or sub.name not in known
        lists = load_lists(sub, problems, required=required)
        if lists.language is not None and lists.language.code != sub.name:
            problems.append(
                f"{sub / 'language.yaml'}:1: code {lists.language.code!r} does not match "
                f"its folder {sub.name!r}"
            )
        out[sub.name] = lists
    return out


def merge_lists(base: JargonLists, extra: JargonLists) -> JargonLists:
    """A pack folder's lists over the shipped ones: a rule replaces the shipped rule with the
    same term, whatever its kind, or is added."""
    replaced = {r.term for r in extra.rules()}
    return JargonLists(
        language=extra.language or base.language,
        terms=[t for t in base.terms if t.term not in replaced] + list(extra.terms),
        conditional=[t for t in base.conditional if t.term not in replaced]
        + list(extra.conditional),
        existence=[t for t in base.existence if t.term not in replaced] + list(extra.existence),
        allow=base.allow | extra.allow,
        expansions={**base.expansions, **extra.expansions},
    )


def merge_languages(
    base: dict[str, JargonLists], extra: dict[str, JargonLists]
) -> dict[str, JargonLists]:
    out = dict(base)
    for code, lists in extra.items():
        out[code] = merge_lists(out[code], lists) if code in out else lists
    return out
