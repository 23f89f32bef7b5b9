"""`python app.py [command]`: serve the bot (default) and the operator's tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.prompts import DataFileError
from bot.settings import SettingsError
from bot.store import StoreError

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


def _load_tools() -> None:
    """Import every module in `runtime/tools/`; each registers its subcommand."""
    import importlib
    import pkgutil

    from . import tools

    for module in pkgutil.iter_modules(tools.__path__):
        importlib.import_module(f"{tools.__name__}.{module.name}")


def parser() -> argparse.ArgumentParser:
    _load_tools()
    top = argparse.ArgumentParser(prog="python app.py", description="coprod: the co-production bot")
    subs = top.add_subparsers(dest="command", metavar="command")
    for name, (help_text, _fn, arguments) in COMMANDS.items():
        arguments(subs.add_parser(name, help=help_text, description=help_text))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    name = args.command or "serve"
    try:
        return COMMANDS[name][1](args)
    except SettingsError as exc:
        return fail(
            "coprod cannot start because of its settings:\n"
            + "\n".join(f"  - {p}" for p in exc.problems)
            + "\nFix them in the environment or in .env (see .env.example)."
        )
    except DataFileError as exc:
        return fail(
            "coprod cannot load its prompts:\n" + "\n".join(f"  - {p}" for p in exc.problems)
        )
    except StoreError as exc:
        return fail(f"coprod cannot open its store: {exc}")
