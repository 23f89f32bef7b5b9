"""`python app.py [command]`: serve the bot (default) and the operator's tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

EXIT_OK, EXIT_BAD_INPUT = 0, 2
Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Command, Callable[[argparse.ArgumentParser], None]]] = {}


def subcommand(
    name: str,
    help_text: str,
    arguments: Callable[[argparse.ArgumentParser], None] = lambda _p: None,
) -> Callable[[Command], Command]:
    def register(fn: Command) -> Command:
        COMMANDS[name] = (help_text, fn, arguments)
        return fn

    return register


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def _load_tools(command: str | None = None) -> None:
    """Import the module of `command` in `runtime/tools/` (each registers its subcommand), or
    every module when the command is not one of them (help, a typo). Importing only what runs
    keeps start-up quick: `jargon` does not load the chat platforms' SDKs."""
    import importlib
    import pkgutil

    from . import tools

    names = [m.name for m in pkgutil.iter_modules(tools.__path__)]
    wanted = command.replace("-", "_") if command else None
    if wanted in names:
        importlib.import_module(f"{tools.__name__}.{wanted}")
        if command in COMMANDS:
            return
    for name in names:
        importlib.import_module(f"{tools.__name__}.{name}")


def _command(argv: list[str]) -> str:
    """The subcommand `argv` asks for, before parsing ("serve" when there is none)."""
    if not argv:
        return "serve"
    return "" if argv[0].startswith("-") else argv[0]


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    _load_tools(_command(sys.argv[1:] if argv is None else argv) or None)
    top = argparse.ArgumentParser(prog="python app.py", description="coprod: the co-production bot")
    subs = top.add_subparsers(dest="command", metavar="command")
    for name, (help_text, _fn, arguments) in COMMANDS.items():
        arguments(subs.add_parser(name, help=help_text, description=help_text))
    return top


def _explained(exc: Exception) -> str | None:
    """What to tell an operator about a start-up problem they can fix, or None. A module that
    was never imported cannot have raised its error, so only imported ones are looked at."""
    settings = sys.modules.get("bot.settings")
    if settings is not None and isinstance(exc, settings.SettingsError):
        return (
            "coprod cannot start because of its settings:\n"
            + "\n".join(f"  - {p}" for p in exc.problems)
            + "\nFix them in the environment or in .env (see .env.example)."
        )
    prompts = sys.modules.get("bot.prompts.yamlfile")
    if prompts is not None and isinstance(exc, prompts.DataFileError):
        return "coprod cannot load its prompts:\n" + "\n".join(f"  - {p}" for p in exc.problems)
    store = sys.modules.get("bot.store.base")
    if store is not None and isinstance(exc, store.StoreError):
        return f"coprod cannot open its store: {exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = parser(argv).parse_args(argv)
    name = args.command or "serve"
    try:
        return COMMANDS[name][1](args)
    except Exception as exc:
        message = _explained(exc)
        if message is None:
            raise
        return fail(message)
