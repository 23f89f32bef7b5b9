"""Fitness tests for the adapter seam: adapters import only the core's public modules, and the
core asks an adapter's capabilities, never its class."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.core.test_architecture import ROOT, _imports, _module_name, modules

# What an adapter may use of the core (docs/architecture.md, "The adapter contract"): the
# contract and the neutral model, the core it is mounted on, the process settings and the
# platform registry (`bot.platforms`: the adapter declares its name and id syntax), and the
# services an adapter needs at its edge (clock, store, prompts, screening of hostile input,
# neutral markup and the command syntax, the charts it draws). Features are not on the list:
# an adapter never reads a feature's cards or state (the reply carries its own key).
PUBLIC = frozenset(
    {
        "bot",
        "bot.adapter",
        "bot.model",
        "bot.core",
        "bot.settings",
        "bot.platforms",
        "bot.clock",
        "bot.store",
        "bot.prompts",
        "bot.inbound",
        "bot.markup",
        "bot.parse",
        "bot.charts",
        "bot.chart",
        "bot.charts.render",
    }
)
# What a class check on an adapter looks like: the contract's names, or any *Adapter class.
CONTRACT_NAMES = {"Adapter", "Capabilities", "ConfirmsDelivery", "UpdatesPosts"}


def test_adapters_import_only_the_cores_public_modules() -> None:
    paths = {_module_name(p): p for f in ("bot", "adapters") for p in modules(f)}
    known = set(paths)
    offenders = []
    for name, path in sorted(paths.items()):
        if not name.startswith("adapters"):
            continue
        for target in sorted(_imports(path, name, known)):
            if target.startswith("bot") and target not in PUBLIC:
                offenders.append(f"{path.relative_to(ROOT)} imports {target}")
    assert not offenders, offenders


def _checked_class(node: ast.Call) -> str | None:
    """The class name an `isinstance(x, C)` call checks against, when it names one."""
    if not (isinstance(node.func, ast.Name) and node.func.id == "isinstance"):
        return None
    if len(node.args) != 2:
        return None
    kinds = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
    for kind in kinds:
        label = kind.attr if isinstance(kind, ast.Attribute) else getattr(kind, "id", "")
        if label in CONTRACT_NAMES or label.endswith("Adapter"):
            return label
    return None


def _sniffs_an_adapter(node: ast.Call) -> bool:
    """`getattr(adapter, …)` / `hasattr(adapter, …)`: asking an adapter's shape, not its
    capabilities."""
    if not (isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")):
        return False
    return bool(node.args) and "adapter" in ast.unparse(node.args[0]).lower()


def test_the_core_never_checks_an_adapters_class() -> None:
    offenders = []
    for path in modules("bot"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Call):
                continue
            checked = _checked_class(node)
            if checked or _sniffs_an_adapter(node):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                offenders.append(f"{where} {ast.unparse(node)}")
    assert not offenders, offenders


def test_the_checks_would_catch_a_class_check() -> None:
    """The scan itself: an isinstance on an adapter class and a getattr on an adapter count."""
    tree = ast.parse(
        "isinstance(a, ConfirmsDelivery)\nisinstance(a, (int, SlackAdapter))\n"
        "getattr(adapter, 'delivered', None)\nisinstance(a, int)\n"
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    flagged = [c for c in calls if _checked_class(c) or _sniffs_an_adapter(c)]
    assert len(flagged) == 3


# The Teams modules that import the Bot Framework SDK (botbuilder, botframework, msrest): what
# a move to the Microsoft 365 Agents SDK would change (docs/teams.md). The list may only shrink.
TEAMS_SDK = ("botbuilder", "botframework", "msrest")
TEAMS_SDK_MODULES = {
    "auth.py",
    "bot.py",
    "clients.py",
    "deserialize.py",
    "events.py",
    "route.py",
    "sdk_fixes.py",
    "tokens.py",
    "wiring.py",
}


def _sdk_imported(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        if any(n.split(".")[0] in TEAMS_SDK for n in names):
            return True
    return False


def test_the_bot_framework_sdk_stays_in_the_teams_modules_listed() -> None:
    found = {p.name for p in sorted((ROOT / "adapters" / "teams").glob("*.py")) if _sdk_imported(p)}
    assert not found - TEAMS_SDK_MODULES, f"new SDK imports (see docs/teams.md): {found}"
    gone = TEAMS_SDK_MODULES - found
    assert not gone, f"SDK-free now: take these off TEAMS_SDK_MODULES: {sorted(gone)}"
