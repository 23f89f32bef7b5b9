"""`python app.py slack-manifest [--url URL] [--socket]`: print the Slack app manifest (YAML)."""

from __future__ import annotations

import argparse

import yaml

from adapters.slack.manifest import manifest
from adapters.slack.settings import SlackSettings
from bot.prompts import load_pack

from ..cli import EXIT_OK, fail, subcommand
from ..features import visible_commands
from ..settings import load_settings


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        help="the public https address of this server, e.g. https://coprod.example.org "
        "(HTTP mode; /slack/events is added)",
    )
    parser.add_argument(
        "--socket",
        action="store_true",
        help="Socket Mode: no public address needed (the default when SLACK_APP_TOKEN is set)",
    )


@subcommand("slack-manifest", "print the Slack app manifest (YAML) to paste into Slack", _arguments)
def slack_manifest_cmd(args: argparse.Namespace) -> int:
    settings = load_settings()
    app_token = settings.platform(SlackSettings).SLACK_APP_TOKEN
    socket_mode = bool(args.socket or (app_token and not args.url))
    if not socket_mode:
        if not args.url:
            return fail(
                "Give the server's public address, e.g. "
                "`python app.py slack-manifest --url https://coprod.example.org`, "
                "or use `--socket` for Socket Mode (no public address needed)."
            )
        if not args.url.startswith("https://") or len(args.url) <= len("https://"):
            return fail(f"--url: Slack only calls https:// addresses (got {args.url!r}).")
    pack = load_pack(settings.COPROD_PROMPTS_DIR)
    shown = [c.name for c in visible_commands()]
    data = manifest(pack, url=args.url, socket_mode=socket_mode, commands=shown)
    print("# coprod Slack app manifest: paste it at https://api.slack.com/apps > Create New App")
    print(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), end="")
    return EXIT_OK
