"""`python app.py [command]`: serve the bot (default) and the operator's tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from bot.prompts import DataFileError, check_folder
from bot.settings import SettingsError, load_settings
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


@subcommand("serve", "start the bot (the default)")
def serve_cmd(_args: argparse.Namespace) -> int:
    from .server import serve

    settings = load_settings()
    logging.basicConfig(
        level=settings.COPROD_LOG_LEVEL, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(serve(settings))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        return fail(
            f"coprod cannot listen on {settings.HOST}:{settings.PORT}: {exc.strerror}. "
            "Set PORT to a free port, or stop whatever is using it."
        )
    return EXIT_OK


def _folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the prompt pack folder to check")


@subcommand("check-prompts", "validate a prompt pack folder", _folder)
def check_prompts_cmd(args: argparse.Namespace) -> int:
    problems = check_folder(args.folder)
    if problems:
        print(f"{args.folder}: {len(problems)} problem(s):", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.folder}: the prompt pack is valid.")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
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
