"""Fitness tests for the seams: features stay apart, the kernel and `bot/` stay neutral, modules
stay small. Each names what broke it, so the fix is plain."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from tests.core.test_architecture import ROOT, _circles, _imports, _module_name, modules

# A feature is a package (or module) that brings commands to a core through a `Feature`; none
# imports another. The admin kit (`bot/admin/*` but `subcommands/`) and the shared services
# (`bot/prompts`, `bot/store`, `bot/languages`, `bot/charts`, `bot/report`) are not features.
FEATURES = (
    "bot.actions",
    "bot.admin.subcommands",
    "bot.check",
    "bot.jargon",
    "bot.nudges",
    "bot.commands",
)
KERNEL = tuple(
    _module_name(p) for p in sorted((ROOT / "bot").glob("*.py")) if p.name != "__init__.py"
)
# Imports from one feature into another that are still to be cut. This list only ever shrinks,
# and it is empty: features meet through the kernel (`bot/hooks.py`, `bot/scheduling/`).
KNOWN_CROSSINGS: set[tuple[str, str]] = set()
MAX_LINES = 350
# Modules still over the limit, to be split (issue 14); this list only ever shrinks.
KNOWN_LONG: set[str] = set()


def _graph(*, type_hints: bool = False) -> dict[str, set[str]]:
    paths = {_module_name(p): p for f in ("bot", "adapters", "runtime") for p in modules(f)}
    return {
        name: _imports(path, name, set(paths), type_hints=type_hints)
        for name, path in paths.items()
    }


def test_no_import_circles_even_through_type_hints() -> None:
    """`if TYPE_CHECKING:` imports count here: a circle of type hints is still two modules that
    each need the other to be understood (type against a Protocol below them instead)."""
    circles = _circles(_graph(type_hints=True))
    assert not circles, f"modules that import each other, type hints counted: {circles}"


def layer_of(module: str) -> str:
    """The part of the tree `module` belongs to: `adapters`, `runtime`, a package of `bot`
    (`bot.check`), or one kernel module (`bot.core`)."""
    parts = module.split(".")
    if parts[0] != "bot" or len(parts) == 1:
        return parts[0]
    return ".".join(parts[:2])


def test_no_part_imports_back_up() -> None:
    """The parts (kernel modules, `bot`'s packages, `adapters`, `runtime`) stand in layers: no
    two import each other, even through other parts or type hints, so every import runs down."""
    parts: dict[str, set[str]] = {}
    for name, targets in _graph(type_hints=True).items():
        mine = layer_of(name)
        if mine == "bot":
            continue  # bot/__init__.py
        parts.setdefault(mine, set()).update(
            theirs for t in targets if (theirs := layer_of(t)) not in (mine, "bot")
        )
    circles = _circles(parts)
    assert not circles, f"parts that reach each other (one of them imports back up): {circles}"


def feature_of(module: str) -> str | None:
    for feature in sorted(FEATURES, key=len, reverse=True):
        if module == feature or module.startswith(feature + "."):
            return feature
    return None


def crossings() -> set[tuple[str, str]]:
    found = set()
    for name, targets in _graph().items():
        mine = feature_of(name)
        for target in targets:
            theirs = feature_of(target)
            if mine and theirs and mine != theirs:
                found.add((name, target))
    return found


def test_no_feature_imports_another_feature() -> None:
    found = crossings()
    new = sorted(found - KNOWN_CROSSINGS)
    assert not new, f"a feature imports another (use a neutral module or an event): {new}"
    gone = sorted(KNOWN_CROSSINGS - found)
    assert not gone, f"cut already: take these off KNOWN_CROSSINGS: {gone}"


def test_the_kernel_imports_no_feature() -> None:
    graph = _graph()
    found = sorted(
        (name, target)
        for name in KERNEL
        for target in graph[name]
        if feature_of(target) is not None
    )
    assert not found, f"the kernel (bot/*.py) imports a feature: {found}"


def test_no_module_is_over_350_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("bot", "adapters", "runtime")
        for path in modules(folder)
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    new = {p: n for p, n in long.items() if p not in KNOWN_LONG}
    assert not new, f"modules over {MAX_LINES} lines (split by concept): {new}"
    gone = sorted(KNOWN_LONG - set(long))
    assert not gone, f"split already: take these off KNOWN_LONG: {gone}"


PLATFORM_NAMES = ("slack", "teams", "local", "microsoft")
# Modules of `bot/` that still name a platform in code (issue 14); this list only ever shrinks.
KNOWN_PLATFORM_WORDS: set[str] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def platform_words(path: Path) -> list[str]:
    """Where `path`'s code (not its comments or docstrings) names a platform: a string equal
    to a platform's name or holding mention markup, `Platform.<NAME>`, a name that holds a
    platform's (`SLACK_BOT_TOKEN`, `teams_enabled`), or a message id picked by platform name
    (the adapter's `PlatformRules` supplies those)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = node.value.lower()
            if text in PLATFORM_NAMES or "<at" in text:
                found.append(f"{where} {node.value!r}")
        elif isinstance(node, ast.JoinedStr):  # f"admin.invalid.person.{ref.platform}"
            parts = node.values
            for before, value in itertools.pairwise(parts):
                if (
                    isinstance(before, ast.Constant)
                    and str(before.value).endswith(".")
                    and isinstance(value, ast.FormattedValue)
                    and ast.unparse(value.value).endswith("platform")
                ):
                    found.append(f"{where} a message id chosen by platform name")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "Platform" and node.attr.isupper():
                found.append(f"{where} Platform.{node.attr}")
        names = []
        if isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        for name in names:
            if any(p in name.lower() for p in PLATFORM_NAMES if p != "local"):
                found.append(f"{where} {name}")
    return found


def test_bot_names_no_platform() -> None:
    found: dict[str, list[str]] = {}
    for path in modules("bot"):
        words = platform_words(path)
        if words:
            found[str(path.relative_to(ROOT))] = words
    new = {p: w for p, w in found.items() if p not in KNOWN_PLATFORM_WORDS}
    assert not new, f"bot/ names a platform (its adapter package should say it): {new}"
    gone = sorted(KNOWN_PLATFORM_WORDS - set(found))
    assert not gone, f"neutral already: take these off KNOWN_PLATFORM_WORDS: {gone}"
