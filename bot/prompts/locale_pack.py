"""Locale layers (`locales/<locale>/`): read them, merge them over `en`, and report the gaps.

A layer holds `principles.yaml` (titles, an icon, our rendering of the quoted text, prompts by
the same ids as `en`) and `messages/*.yaml` (message ids of `en` with the same placeholders).
Anything a layer leaves out falls back to `en`; the report lists what each locale leaves out,
so `check-prompts` can say it and a test can keep the shipped locales complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .models import KINDS, LocalePrinciple, LocalePrinciplesFile, Principle, Prompt, placeholders
from .yamlfile import DataFileError, load_yaml, validate

LOCALES_DIR = "locales"


@dataclass
class LocaleLayer:
    """One folder's content for one locale, as read (not yet merged)."""

    messages: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    principles: list[LocalePrinciple] = field(default_factory=list)
    principles_path: str = ""


@dataclass(frozen=True)
class LocaleReport:
    """What a locale leaves to `en`: message ids, prompt ids, and principle parts (`p3.title`,
    `p3.rendering`), plus the ids an operator's pack changed in `en` but not in this locale."""

    locale: str
    missing: tuple[str, ...] = ()
    en_only: tuple[str, ...] = ()


def read_layers(
    folder: Path, locales: tuple[str, ...], problems: list[str], load_messages: object
) -> dict[str, LocaleLayer]:
    """The layers under `folder/locales/`, by locale. `load_messages` reads a messages folder
    (the same reader `en` uses). An unknown locale folder is a problem."""
    root = folder / LOCALES_DIR
    out: dict[str, LocaleLayer] = {}
    if not root.is_dir():
        return out
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        if sub.name not in locales:
            problems.append(
                f"{sub}: unknown locale {sub.name!r}; the bot speaks {', '.join(locales[1:])}"
            )
            continue
        layer = LocaleLayer()
        if (sub / "messages").is_dir():
            assert callable(load_messages)
            layer.messages, layer.origins = load_messages(sub / "messages", problems)
        path = sub / "principles.yaml"
        if path.exists():
            try:
                parsed = validate(load_yaml(path), LocalePrinciplesFile)
            except DataFileError as exc:
                problems.extend(exc.problems)
            else:
                layer.principles = list(parsed.principles)
                layer.principles_path = str(path)
        out[sub.name] = layer
    return out


def merge_messages(
    en: dict[str, str], layers: list[LocaleLayer], problems: list[str]
) -> tuple[dict[str, str], set[str]]:
    """`en`'s messages with each layer's on top; returns them and the ids the layers gave."""
    out = dict(en)
    given: set[str] = set()
    for layer in layers:
        for key, text in layer.messages.items():
            where = layer.origins.get(key, key)
            if key not in en:
                problems.append(f"{where}: unknown message id {key!r} (not in the English pack)")
                continue
            want, got = placeholders(en[key]), placeholders(text)
            if want != got:
                problems.append(
                    f"{where}: {key}: placeholders differ from English: expected "
                    f"{_names(want)}, found {_names(got)}"
                )
                continue
            out[key] = text
            given.add(key)
    return out, given


def _names(found: frozenset[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(found)) or "none"


def merge_principles(
    en: dict[int, Principle], layers: list[LocaleLayer], problems: list[str]
) -> tuple[dict[int, Principle], set[str]]:
    """`en`'s principles with each layer's titles, renderings and prompt wording on top;
    returns them and the parts given (prompt ids, `pN.title`, `pN.rendering`)."""
    out = dict(en)
    given: set[str] = set()
    for layer in layers:
        for change in layer.principles:
            out[change.number] = _merge_one(
                out[change.number], change, layer.principles_path, problems, given
            )
    return out, given


def _merge_one(
    p: Principle, change: LocalePrinciple, where: str, problems: list[str], given: set[str]
) -> Principle:
    update: dict[str, object] = {}
    if change.title:
        update.update(title=change.title, quoted_title=p.framework_title)
        given.add(f"p{p.number}.title")
    if change.rendering:
        update["rendering"] = change.rendering
        given.add(f"p{p.number}.rendering")
    if change.icon:
        update["icon"] = change.icon
    if change.keywords:
        update["keywords"] = [*p.keywords, *change.keywords]
    fields = {
        "reflection": "reflections",
        "reminder": "reminders",
        "next_step": "next_steps",
    }
    for kind in KINDS:
        wording = {q.id: q.text for q in change.prompts(kind)}
        known = {q.id for q in p.prompts(kind)}
        # An id the English pack does not have is left out, not refused: an operator's pack may
        # replace or remove shipped prompts that the shipped locales still translate. A typo in a
        # shipped locale still shows, as its real id is then reported missing by check-prompts.
        wording = {i: t for i, t in wording.items() if i in known}
        if not wording:
            continue
        replaced = [Prompt(id=q.id, text=wording.get(q.id, q.text)) for q in p.prompts(kind)]
        given.update(i for i in wording if i in known)
        if kind == "check_statement":
            update["check_statement"] = replaced[0]
        else:
            update[fields[kind]] = replaced
    return p.model_copy(update=update)


def expected_parts(en: dict[int, Principle]) -> list[str]:
    """Every principle part a complete locale gives: title, rendering and each prompt id."""
    out: list[str] = []
    for n in sorted(en):
        out.extend((f"p{n}.title", f"p{n}.rendering"))
        out.extend(q.id for kind in KINDS for q in en[n].prompts(kind))
    return out
