"""`python app.py teams-package --out coprod.zip`: build the Teams app package to upload."""

from __future__ import annotations

import argparse
from pathlib import Path

from adapters.teams.package import build_package
from adapters.teams.settings import TeamsSettings
from bot.prompts import load_pack

from ..cli import EXIT_OK, fail, subcommand
from ..settings import load_settings


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="where to write the .zip")
    parser.add_argument("--app-id", default="", help="the bot's app id (default: MICROSOFT_APP_ID)")
    parser.add_argument("--version", default="1.0.0", help="the app version, like 1.0.0")
    parser.add_argument(
        "--website", default="https://github.com/coprod/coprod", help="your organisation's page"
    )
    parser.add_argument(
        "--domain", action="append", default=[], help="a domain the app may open (repeatable)"
    )


@subcommand("teams-package", "build the Teams app package (manifest and icons)", _arguments)
def teams_package_cmd(args: argparse.Namespace) -> int:
    settings = load_settings()
    app_id = args.app_id or settings.platform(TeamsSettings).MICROSOFT_APP_ID
    if not app_id:
        return fail(
            "teams-package needs the bot's app id: set MICROSOFT_APP_ID (in the environment "
            "or .env) to the Azure Bot's Microsoft App ID, or pass --app-id."
        )
    if not args.website.startswith("https://"):
        return fail(f"--website must start with https:// (got {args.website!r})")
    if not args.out.parent.exists():
        return fail(f"--out: the folder {args.out.parent} does not exist")
    data = build_package(
        load_pack(settings.COPROD_PROMPTS_DIR),
        app_id=app_id,
        version=args.version,
        website=args.website,
        valid_domains=tuple(args.domain),
    )
    args.out.write_bytes(data)
    print(f"Wrote {args.out} ({len(data)} bytes). Upload it in Teams: Apps > Manage your apps.")
    return EXIT_OK
