"""The prompt pack: load, validate and merge the shipped prompts with an optional pack folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .jargon_files import load_languages, load_lists, merge_languages, merge_lists
from .locale import EN, LOCALES, current_locale
from .locale_pack import (
    LocaleLayer,
    LocaleReport,
    expected_parts,
    merge_messages,
    merge_principles,
    read_layers,
)
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
# Messages that are commands to type (prompts/messages/command_forms.yaml): a subcommand's
# correct form and examples, and each command's example in help. Their command words stay
# English in every locale, and the bot always shows them as code.
COMMAND_FORMS = ("admin.usage.", "admin.example.", "help.example.")


def is_command_form(message_id: str) -> bool:
    return message_id.startswith(COMMAND_FORMS)


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
    # Which locale this pack is written in. Every locale's pack shares one `locales` map
    # (`en` included), so any of them can hand over the one being written in now (`here()`).
    locale: str = EN
    locales: dict[str, PromptPack] = field(default_factory=dict, compare=False, repr=False)
    # The locale layers as read (shipped, then the operator's), and what each locale misses.
    layers: dict[str, list[LocaleLayer]] = field(default_factory=dict, repr=False)
    reports: dict[str, LocaleReport] = field(default_factory=dict, repr=False)

    def here(self) -> PromptPack:
        """This pack in the locale being written in now (see `locale.speaking`)."""
        wanted = current_locale()
        if wanted == self.locale:
            return self
        return self.locales.get(wanted) or self.locales.get(EN) or self

    def in_locale(self, locale: str) -> PromptPack:
        """This pack in `locale` (`en` for an unknown one)."""
        return self.locales.get(locale) or self.locales.get(EN) or self

    def say(self, message_id: str, /, **values: object) -> str:
        """The message with `message_id` in the locale being written in, its `{placeholders}`
        filled from `values` and its plural choices (`{count:check|checks}`) made for their
        numbers by that locale's rules. An id a locale lacks is said in English."""
        pack = self.here()
        text = pack.messages.get(message_id)
        if text is None:
            raise KeyError(f"no message with id {message_id!r} in prompts/messages")
        return choose(text, values, pack.locale).format_map(SafeDict(values))

    def principle(self, number: int) -> Principle:
        return self.here().principles[number]

    def prompts(self, kind: Kind, number: int | None = None) -> list[Prompt]:
        """Prompts of `kind`, for one principle or for all eight, in the locale written in."""
        pack = self.here()
        numbers = [number] if number is not None else sorted(pack.principles)
        return [q for n in numbers for q in pack.principles[n].prompts(kind)]

    def prompt_source(self, prompt_id: str) -> str:
        """Where a prompt's wording comes from: "pack" (the operator's folder) or "default"."""
        return self.prompt_origins.get(prompt_id, "default")

    def prompt(self, prompt_id: str) -> tuple[Principle, Kind, Prompt] | None:
        for principle, kind, prompt in self.here().all_prompts():
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
        """Every sentence the bot may say, as (id, text): used to lint the pack itself. The
        command forms (`is_command_form`) are not sentences: they are shown as code."""
        yield from ((k, v) for k, v in self.messages.items() if not is_command_form(k))
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
    layers = read_layers(folder, LOCALES, problems, _load_messages)
    if problems or principles_file is None:
        raise DataFileError(problems)
    pack = PromptPack(
        source=principles_file.source,
        definition=principles_file.definition,
        principles={p.number: p for p in principles_file.principles},
        messages=messages,
        origins=origins,
        jargon=jargon,
        jargon_languages=languages,
        layers={locale: [layers.get(locale, LocaleLayer())] for locale in LOCALES[1:]},
    )
    return with_locales(pack, problems)


def with_locales(
    pack: PromptPack, problems: list[str], changed: frozenset[str] | set[str] = frozenset()
) -> PromptPack:
    """`pack` (the `en` one) with a pack for each locale merged from its layers, and the
    report of what each locale misses. `changed` are the ids an operator's pack changed in
    `en`: a locale whose layers do not change them too is reported as `en_only`."""
    locales: dict[str, PromptPack] = {EN: pack}
    reports: dict[str, LocaleReport] = {}
    wanted = [*pack.messages, *expected_parts(pack.principles)]
    for locale in LOCALES:
        if locale == EN:
            continue
        layers = pack.layers.get(locale, [])
        messages, said = merge_messages(pack.messages, layers, problems)
        principles, given = merge_principles(pack.principles, layers, problems)
        given |= said
        operator: set[str] = set()
        for layer in layers[1:]:  # the first layer is the shipped one
            operator |= set(layer.messages)
            operator |= {q.id for c in layer.principles for k in KINDS for q in c.prompts(k)}
        reports[locale] = LocaleReport(
            locale=locale,
            missing=tuple(i for i in wanted if i not in given),
            en_only=tuple(sorted(i for i in changed if i not in operator)),
        )
        locales[locale] = replace(
            pack, locale=locale, messages=messages, principles=principles, locales=locales
        )
    if problems:
        raise DataFileError(problems)
    pack.locales = locales
    pack.reports = reports
    return pack


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
    replaced_all = False
    if path.exists() and _is_full(path):
        try:
            full = validate(load_yaml(path), PrinciplesFile)
        except DataFileError as exc:
            problems.extend(exc.problems)
        else:
            replaced_all = True
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
    extra_layers = read_layers(folder, LOCALES, problems, _load_messages)
    layers = {k: list(v) for k, v in base.layers.items()}
    if replaced_all:
        # A full replacement of the principles has other prompts: the shipped translations
        # of ours no longer apply (its messages still do).
        layers = {k: [replace(v[0], principles=[]), *v[1:]] for k, v in layers.items()}
    for locale, layer in extra_layers.items():
        layers.setdefault(locale, [LocaleLayer()]).append(layer)
    changed = set(extra) | {i for i, o in prompt_origins.items() if o == "pack"}
    pack = PromptPack(
        source=source,
        definition=definition,
        principles=principles,
        messages=messages,
        origins=origins,
        prompt_origins=prompt_origins,
        jargon=jargon,
        jargon_languages=languages,
        layers=layers,
    )
    return with_locales(pack, problems, changed)  # raises with every problem found


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


def _merge(principle: Principle, change: PrincipleOverlay) -> Principle:
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
