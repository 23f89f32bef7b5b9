"""Pydantic models for the prompt pack: the principles, their prompts, and every message."""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]
PromptId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{1,80}$")]
Kind = Literal["reflection", "reminder", "check_statement", "next_step"]
KINDS: tuple[Kind, ...] = ("reflection", "reminder", "check_statement", "next_step")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompt(Strict):
    """One sentence the bot can say for a principle, with a stable id."""

    id: PromptId
    text: Text


class Source(Strict):
    title: Text
    authors: Text
    publisher: Text
    date: Text


class Rendering(Strict):
    """Our own rendering of a principle's quoted text in another locale (an unofficial
    translation or an easy-read summary). Never shown as the framework's own words."""

    statement: Text
    description: Text
    examples: Text


class Principle(Strict):
    """One of the eight principles, quoted from the framework, with its prompts.

    In a locale other than `en`, `title` and the prompts are that locale's; `statement`,
    `description` and `examples` stay the framework's English, word for word, and `rendering`
    holds our own version beside them. `quoted_title` is then the framework's English title."""

    number: int = Field(ge=1, le=8)
    key: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
    title: Text
    statement: Text
    description: Text
    examples: Text
    keywords: list[Annotated[str, StringConstraints(min_length=2, to_lower=True)]] = []
    reflections: list[Prompt] = Field(min_length=3)
    reminders: list[Prompt] = Field(min_length=2)
    check_statement: Prompt
    next_steps: list[Prompt] = Field(min_length=2)
    icon: str = ""
    rendering: Rendering | None = None
    quoted_title: str = ""

    @property
    def framework_title(self) -> str:
        """The principle's title as the framework writes it (English)."""
        return self.quoted_title or self.title

    def prompts(self, kind: Kind) -> list[Prompt]:
        """The prompts of one kind."""
        if kind == "check_statement":
            return [self.check_statement]
        return list(
            {
                "reflection": self.reflections,
                "reminder": self.reminders,
                "next_step": self.next_steps,
            }[kind]
        )


class PrinciplesFile(Strict):
    """`principles.yaml`: the framework's definition and its eight principles."""

    source: Source
    definition: Text
    principles: list[Principle]

    @model_validator(mode="after")
    def _eight(self) -> PrinciplesFile:
        numbers = sorted(p.number for p in self.principles)
        if numbers != list(range(1, 9)):
            raise ValueError(f"needs principles numbered 1 to 8 once each, found {numbers}")
        ids = [q.id for p in self.principles for k in KINDS for q in p.prompts(k)]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"prompt ids must be unique, repeated: {', '.join(dupes)}")
        return self


class PrincipleOverlay(Strict):
    """A prompt pack's changes to one principle: prompts replaced by id or added."""

    number: int = Field(ge=1, le=8)
    reflections: list[Prompt] = []
    reminders: list[Prompt] = []
    check_statement: Prompt | None = None
    next_steps: list[Prompt] = []


class OverlayFile(Strict):
    """`principles.yaml` in a prompt pack folder (COPROD_PROMPTS_DIR)."""

    principles: list[PrincipleOverlay]


class LocalePrinciple(Strict):
    """One principle in a locale file (`prompts/locales/<locale>/principles.yaml`): its title,
    an icon, our rendering of the quoted text, and prompts replaced by the same ids as in `en`."""

    number: int = Field(ge=1, le=8)
    title: Text | None = None
    icon: Annotated[str, StringConstraints(strip_whitespace=True, max_length=8)] = ""
    rendering: Rendering | None = None
    keywords: list[Annotated[str, StringConstraints(min_length=2, to_lower=True)]] = []
    reflections: list[Prompt] = []
    reminders: list[Prompt] = []
    check_statement: Prompt | None = None
    next_steps: list[Prompt] = []

    def prompts(self, kind: Kind) -> list[Prompt]:
        if kind == "check_statement":
            return [self.check_statement] if self.check_statement else []
        return list(
            {
                "reflection": self.reflections,
                "reminder": self.reminders,
                "next_step": self.next_steps,
            }[kind]
        )


class LocalePrinciplesFile(Strict):
    """`prompts/locales/<locale>/principles.yaml`: the locale's side of the eight principles."""

    principles: list[LocalePrinciple] = []


_FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")


def placeholders(text: str) -> frozenset[str]:
    """The `{names}` a message expects (empty when its braces are broken)."""
    try:
        return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f)
    except ValueError:
        return frozenset()


class MessagesFile(BaseModel):
    """A file under `messages/`: message ids mapped to text with `{placeholders}`."""

    model_config = ConfigDict(frozen=True)
    messages: dict[PromptId, Text]

    @field_validator("messages")
    @classmethod
    def _placeholders(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            try:
                fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            except ValueError as exc:
                raise ValueError(f"{key}: broken {{placeholder}}: {exc}") from None
            bad = [f for f in fields if not _FIELD.match(f)]
            if bad:
                raise ValueError(f"{key}: placeholders must be simple names, found {bad}")
        return value
