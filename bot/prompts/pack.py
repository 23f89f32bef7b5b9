"""The prompt pack: load, validate and merge the shipped prompts with an optional pack folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .jargon_files import load_languages, load_lists, merge_languages, merge_lists
from .models import (
    KINDS,
    Kind,
    MessagesFile,
    OverlayFile,
    Principle,
    PrincipleOverlay,
    PrinciplesFile,
    Prompt,
    Source,
)
from .plural import choose
from .wordlists import JargonLists
from .yamlfile import DataFileError, YamlDoc, load_yaml, validate

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "prompts"


class SafeDict(dict[str, object]):
    """Format mapping that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class PromptPack:
    """Everything the bot can say, validated, with lookups by principle, kind and id."""

    source: Source
    definition: str
    principles: dict[int, Principle]
    messages: dict[str, str]
    origins: dict[str, str] = field(default_factory=dict)
    # Prompt id -> "pack" when the operator's pack folder (COPROD_PROMPTS_DIR) wrote or replaced
    # it; prompts not listed here are the shipped defaults.
    prompt_origins: dict[str, str] = field(default_factory=dict)
    jargon: JargonLists = field(default_factory=JargonLists)
    # Word lists in other languages, by language code (prompts/jargon/<code>/).
    jargon_languages: dict[str, JargonLists] = field(default_factory=dict)

    def say(self, message_id: str, /, **values: object) -> str:
        """The message with `message_id`, its `{placeholders}` filled from `values` and its
        plural choices (`{count:check|checks}`) made for their numbers."""
        text = self.messages.get(message_id)
        if text is None:
            raise KeyError(f"no message with id {message_id!r} in prompts/messages")
        return choose(text, values).format_map(SafeDict(values))

    def principle(self, number: int) -> Principle:
        return self.principles[number]

    def prompts(self, kind: Kind, number: int | None = None) -> list[Prompt]:
        """Prompts of `kind`, for one principle or for all eight."""
        numbers = [number] if number is not None else sorted(self.principles)
        return [q for n in numbers for q in self.principles[n].prompts(kind)]

    def prompt_source(self, prompt_id: str) -> str:
        """Where a prompt's wording comes from: "pack" (the operator's folder) or "default"."""
        return self.prompt_origins.get(prompt_id, "default")

    def prompt(self, prompt_id: str) -> tuple[Principle, Kind, Prompt] | None:
        for principle, kind, prompt in self.all_prompts():
            if prompt.id == prompt_id:
                return principle, kind, prompt
        return None

    def all_prompts(self) -> Iterator[tuple[Principle, Kind, Prompt]]:
        for number in sorted(self.principles):
            principle = self.principles[number]
            for kind in KINDS:
                for prompt in principle.prompts(kind):
                    yield principle, kind, prompt

    def sentences(self) -> Iterator[tuple[str, str]]:
        """Every sentence the bot may say, as (id, text): used to lint the pack itself."""
        yield from self.messages.items()
        for _principle, _kind, prompt in self.all_prompts():
            yield prompt.id, prompt.text


def _load_messages(folder: Path, problems: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    messages: dict[str, str] = {}
    origins: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = load_yaml(path)
            wrapped = YamlDoc(
                path=doc.path,
                data={"messages": doc.data if doc.data is not None else {}},
                lines={("messages", *k): v for k, v in doc.lines.items()},
            )
            parsed = validate(wrapped, MessagesFile)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        for key, text in parsed.messages.items():
            if key in origins:
                problems.append(
                    f"{doc.where((key,))}: message id {key!r} is already defined in {origins[key]}"
                )
                continue
            messages[key] = text
            origins[key] = doc.where((key,))
    return messages, origins


def load_shipped(folder: Path = SHIPPED_DIR) -> PromptPack:
    """Load a complete pack (the shipped `prompts/` folder); raise DataFileError on any problem."""
    problems: list[str] = []
    principles_file: PrinciplesFile | None = None
    path = folder / "principles.yaml"
    if not path.exists():
        problems.append(f"{path}: missing (the eight principles live here)")
    else:
        try:
            principles_file = validate(load_yaml(path), PrinciplesFile)
        except DataFileError as exc:
            problems.extend(exc.problems)
    messages, origins = _load_messages(folder / "messages", problems)
    jargon_dir = folder / "jargon"
    if not jargon_dir.is_dir() and folder != SHIPPED_DIR:
        jargon_dir = SHIPPED_DIR / "jargon"  # a full pack without word lists uses ours
    jargon = load_lists(jargon_dir, problems, required=True)
    languages = load_languages(jargon_dir, problems)
    if problems or principles_file is None:
        raise DataFileError(problems)
    return PromptPack(
        source=principles_file.source,
        definition=principles_file.definition,
        principles={p.number: p for p in principles_file.principles},
        messages=messages,
        origins=origins,
        jargon=jargon,
        jargon_languages=languages,
    )


def apply_overlay(base: PromptPack, folder: Path) -> PromptPack:
    """Merge a prompt pack folder over `base`: prompts replace by id or are added; messages
    replace by id. Unknown message ids are refused so typos do not pass silently.

    A `principles.yaml` with its own `source` is a complete replacement of the principles (it
    must then hold all eight); otherwise it lists only the prompts it changes or adds."""
    problems: list[str] = []
    if not folder.is_dir():
        raise DataFileError([f"{folder}: prompt pack folder not found (COPROD_PROMPTS_DIR)"])
    principles = dict(base.principles)
    prompt_origins = dict(base.prompt_origins)
    source, definition = base.source, base.definition
    path = folder / "principles.yaml"
    if path.exists() and _is_full(path):
        try:
            full = validate(load_yaml(path), PrinciplesFile)
        except DataFileError as exc:
            problems.extend(exc.problems)
        else:
            source, definition = full.source, full.definition
            principles = {p.number: p for p in full.principles}
            prompt_origins = {q.id: "pack" for p in full.principles for q in _all_prompts(p)}
    elif path.exists():
        try:
            overlay = validate(load_yaml(path), OverlayFile)
        except DataFileError as exc:
            problems.extend(exc.problems)
        else:
            for change in overlay.principles:
                principles[change.number] = _merge(principles[change.number], change)
                for prompt in _overlay_prompts(change):
                    prompt_origins[prompt.id] = "pack"
    messages = dict(base.messages)
    origins = dict(base.origins)
    extra, extra_origins = _load_messages(folder / "messages", problems)
    for key, text in extra.items():
        if key not in base.messages:
            problems.append(f"{extra_origins[key]}: unknown message id {key!r}")
            continue
        messages[key] = text
        origins[key] = extra_origins[key]
    jargon = merge_lists(base.jargon, load_lists(folder / "jargon", problems, required=False))
    languages = merge_languages(
        base.jargon_languages,
        load_languages(folder / "jargon", problems, known=base.jargon_languages),
    )
    if problems:
        raise DataFileError(problems)
    return PromptPack(
        source=source,
        definition=definition,
        principles=principles,
        messages=messages,
        origins=origins,
        prompt_origins=prompt_origins,
        jargon=jargon,
        jargon_languages=languages,
    )


def _all_prompts(principle: Principle) -> list[Prompt]:
    return [q for kind in KINDS for q in principle.prompts(kind)]


def _overlay_prompts(change: PrincipleOverlay) -> list[Prompt]:
    extra = [change.check_statement] if change.check_statement else []
    return [*change.reflections, *change.reminders, *change.next_steps, *extra]


def _merge_list(old: list[Prompt], new: list[Prompt]) -> list[Prompt]:
    by_id = {p.id: p for p in old}
    for prompt in new:
        by_id[prompt.id] = prompt
    return list(by_id.values())


def _merge(principle: Principle, change: object) -> Principle:
    assert hasattr(change, "reflections")
    return principle.model_copy(
        update={
            "reflections": _merge_list(principle.reflections, change.reflections),
            "reminders": _merge_list(principle.reminders, change.reminders),
            "next_steps": _merge_list(principle.next_steps, change.next_steps),
            "check_statement": change.check_statement or principle.check_statement,
        }
    )


def load_pack(overlay_dir: Path | None = None) -> PromptPack:
    """The shipped pack, with the operator's pack folder merged over it when one is set."""
    pack = load_shipped()
    return apply_overlay(pack, overlay_dir) if overlay_dir else pack


def check_folder(folder: Path) -> list[str]:
    """Validate a folder as a prompt pack; return the problems (empty when valid).

    It is checked exactly as start-up loads it: merged over the shipped pack."""
    if not folder.is_dir():
        return [f"{folder}: not a folder"]
    try:
        apply_overlay(load_shipped(), folder)
    except DataFileError as exc:
        return exc.problems
    return []


def _is_full(path: Path) -> bool:
    try:
        data = load_yaml(path).data
    except DataFileError:
        return True
    return isinstance(data, dict) and "source" in data
