"""The jargon word lists (`prompts/jargon/`): models, loading with file and line, and merging."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .yamlfile import DataFileError, load_yaml, validate

# A word or phrase as people type it: letters, digits, spaces, hyphens and apostrophes.
Phrase = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        min_length=2,
        max_length=60,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 '’&-]*[A-Za-z0-9]$",
    ),
]
# Neighbouring words in a literal rule; `$` means the end of the sentence, `^` its start.
Neighbour = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        min_length=1,
        max_length=60,
        pattern=r"^(?:[$^]|[A-Za-z0-9][A-Za-z0-9 '’&-]*)$",
    ),
]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Why = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]
Acronym = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=2, max_length=8, pattern=r"^[A-Za-z0-9&+]+$"
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LiteralRule(Strict):
    """When a term is used in its everyday sense. `before` lists words that may come just
    before it, `after` words that may come just after; a rule with both needs both."""

    before: list[Neighbour] = []
    after: list[Neighbour] = []

    @model_validator(mode="after")
    def _something(self) -> LiteralRule:
        if not self.before and not self.after:
            raise ValueError("a literal rule needs `before` or `after` words")
        return self


class Term(Strict):
    """A word or phrase from the plain-words list, with gentler words to use instead."""

    term: Phrase
    forms: list[Phrase] = []
    inflect: bool = False
    head: Literal["first", "last"] = "last"
    plain: list[Short] = Field(min_length=1, max_length=6)
    why: Why
    literal: list[LiteralRule] = []


class TermsFile(Strict):
    """`prompts/jargon/terms.yaml`."""

    terms: list[Term]


class AcronymsFile(Strict):
    """`prompts/jargon/acronyms.yaml`: well-known acronyms, capitalised everyday words that are
    not acronyms, and expansions to suggest when an acronym is flagged."""

    allow: list[Acronym] = []
    words: list[Acronym] = []
    expansions: dict[Acronym, Short] = {}


class JargonLists(Strict):
    """The merged lists the checker uses."""

    terms: list[Term] = []
    allow: frozenset[str] = frozenset()
    expansions: dict[str, str] = {}

    def term(self, word: str) -> Term | None:
        """The entry whose term or one of its listed forms is `word` (any case)."""
        word = " ".join(word.lower().split())
        for entry in self.terms:
            if word == entry.term or word in entry.forms:
                return entry
        return None


def _load_terms(path: Path, problems: list[str]) -> list[Term]:
    try:
        doc = load_yaml(path)
        parsed = validate(doc, TermsFile)
    except DataFileError as exc:
        problems.extend(exc.problems)
        return []
    seen: dict[str, int] = {}
    for i, entry in enumerate(parsed.terms):
        if entry.term in seen:
            problems.append(
                f"{doc.where(('terms', i, 'term'))}: term {entry.term!r} is already listed "
                f"(entry {seen[entry.term] + 1})"
            )
        seen[entry.term] = i
    return list(parsed.terms)


def _load_acronyms(path: Path, problems: list[str]) -> AcronymsFile:
    try:
        return validate(load_yaml(path), AcronymsFile)
    except DataFileError as exc:
        problems.extend(exc.problems)
        return AcronymsFile()


def load_lists(folder: Path, problems: list[str], *, required: bool) -> JargonLists:
    """Read `terms.yaml` and `acronyms.yaml` from `folder`, adding any problems to `problems`."""
    terms_path, acronyms_path = folder / "terms.yaml", folder / "acronyms.yaml"
    terms: list[Term] = []
    acronyms = AcronymsFile()
    for path in (terms_path, acronyms_path):
        if required and not path.exists():
            problems.append(f"{path}: missing (the jargon word lists live here)")
    if terms_path.exists():
        terms = _load_terms(terms_path, problems)
    if acronyms_path.exists():
        acronyms = _load_acronyms(acronyms_path, problems)
    return JargonLists(
        terms=terms,
        allow=frozenset(a.upper() for a in (*acronyms.allow, *acronyms.words)),
        expansions={k.upper(): v for k, v in acronyms.expansions.items()},
    )


def merge_lists(base: JargonLists, extra: JargonLists) -> JargonLists:
    """A pack folder's lists over the shipped ones: terms replace by term or are added."""
    by_term = {t.term: t for t in base.terms}
    for entry in extra.terms:
        by_term[entry.term] = entry
    return JargonLists(
        terms=list(by_term.values()),
        allow=base.allow | extra.allow,
        expansions={**base.expansions, **extra.expansions},
    )
