"""The jargon word lists (`prompts/jargon/`): the three kinds of rule, acronyms and language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# A word or phrase as people type it: letters, digits, spaces, hyphens, apostrophes, and dots
# inside or at the end for short forms such as "e.g.".
Phrase = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        min_length=2,
        max_length=60,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 '’&.-]*[A-Za-z0-9.]$",
    ),
]
# Neighbouring words in a context rule; `$` means the end of the clause, `^` its start.
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
# A word that is never an acronym: a time zone, a day or month, a unit, an ordinal.
Capitalised = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=2, max_length=12, pattern=r"^[A-Za-z0-9&+]+$"
    ),
]
Level = Literal["warning", "suggestion"]
RuleKind = Literal["substitution", "conditional", "existence"]
MAX_GAP = 3


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Neighbours(Strict):
    """Words around a term. `before` lists words that may come just before it, `after` words
    that may come just after it; a rule with both needs both. `gap` lets up to that many other
    words stand between the term and the `after` words ("drive real change")."""

    before: list[Neighbour] = []
    after: list[Neighbour] = []
    gap: int = Field(default=0, ge=0, le=MAX_GAP)

    @model_validator(mode="after")
    def _something(self) -> Neighbours:
        if not self.before and not self.after:
            raise ValueError("a context rule needs `before` or `after` words")
        if self.gap and not self.after:
            raise ValueError("`gap` only applies to `after` words")
        return self


LiteralRule = Neighbours  # the name the lists used before conditional rules came


class Rule(Strict):
    """What every kind of rule has: the term, its spellings, why it can get in the way, and
    when it is used in its everyday sense (`literal`: then it is never flagged)."""

    term: Phrase
    forms: list[Phrase] = []
    inflect: bool = False
    head: Literal["first", "last"] = "last"
    why: Why
    literal: list[Neighbours] = []
    level: Level = "warning"
    # "skip": a match typed wholly in capitals is not this term (CF is cystic fibrosis, cf.
    # means "compare"), so it is left to the acronym check.
    in_capitals: Literal["flag", "skip"] = "flag"


class Term(Rule):
    """A substitution rule: a word or phrase with gentler words to use instead."""

    plain: list[Short] = Field(min_length=1, max_length=6)

    @property
    def kind(self) -> RuleKind:
        return "substitution"

    @property
    def advice(self) -> str:
        return ""


class Conditional(Term):
    """A conditional rule: jargon only where one of its `only_when` patterns matches
    ("drive" before "change", not before "the minibus")."""

    only_when: list[Neighbours] = Field(min_length=1)

    @property
    def kind(self) -> RuleKind:
        return "conditional"


class Existence(Rule):
    """An existence rule: flagged wherever it is used, with one sentence of `advice` instead of
    a word to swap in, because no single plainer word fits ("vulnerable people")."""

    advice: Why

    @property
    def kind(self) -> RuleKind:
        return "existence"

    @property
    def plain(self) -> list[str]:
        return []


class TermsFile(Strict):
    """`prompts/jargon/terms.yaml`: substitution rules."""

    terms: list[Term]


class ConditionalFile(Strict):
    """`prompts/jargon/conditional.yaml`: conditional rules."""

    conditional: list[Conditional]


class ExistenceFile(Strict):
    """`prompts/jargon/existence.yaml`: existence rules."""

    existence: list[Existence]


class AcronymsFile(Strict):
    """`prompts/jargon/acronyms.yaml`: well-known acronyms, capitalised everyday words that are
    not acronyms, words that are never jargon (by group), and expansions to suggest."""

    allow: list[Acronym] = []
    words: list[Acronym] = []
    never: dict[str, list[Capitalised]] = {}
    expansions: dict[Acronym, Short] = {}


class Ending(Strict):
    """One way a word takes its endings: `ending` is a pattern for the end of the word; each of
    `forms` is "+x" (the word and x) or "-x" (the word without its matched ending, and x)."""

    ending: str = Field(default="", max_length=40)
    forms: list[Annotated[str, StringConstraints(pattern=r"^[+-][^\s+-]{0,10}$")]] = Field(
        min_length=1
    )

    @field_validator("ending")
    @classmethod
    def _pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid pattern: {exc}") from None
        return value


class LanguageFile(Strict):
    """`prompts/jargon/language.yaml`: which language the lists are in and how its words take
    endings (the first `endings` rule whose pattern fits the word is used)."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    name: Short
    shortest: int = Field(default=3, ge=1, le=10)  # shorter words take no endings
    endings: list[Ending] = []


class JargonLists(Strict):
    """The merged lists the checker uses, for one language (None: a pack folder's lists that
    take the language of the lists they are merged over)."""

    language: LanguageFile | None = None
    terms: list[Term] = []
    conditional: list[Conditional] = []
    existence: list[Existence] = []
    allow: frozenset[str] = frozenset()
    expansions: dict[str, str] = {}

    def rules(self) -> Iterator[Term | Conditional | Existence]:
        """Every rule of every kind, substitution first."""
        yield from self.terms
        yield from self.conditional
        yield from self.existence

    def term(self, word: str) -> Term | Conditional | Existence | None:
        """The rule whose term or one of its listed forms is `word` (any case)."""
        word = " ".join(word.lower().split())
        for entry in self.rules():
            if word == entry.term or word in entry.forms:
                return entry
        return None
