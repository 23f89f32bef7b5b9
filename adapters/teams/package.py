"""Build the Teams app package: manifest 1.22 with the bot, its commands, RSC permissions, icons."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from bot.prompts import PromptPack

from .icons import color_icon, outline_icon

MANIFEST_VERSION = "1.22"
SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json"
ACCENT_COLOR = "#2E6B5E"
SCOPES = ["team", "groupChat", "personal"]
# The command menu: Teams allows 10 per list. These are what a new team needs first: find out
# what the bot does, learn the principles, the facilitator's first two steps (add the meeting,
# run a check), then the everyday ones. The rest (`action`, `you said we did`, `reflect`,
# `explain`, `nudges`, `language`, `forget`, `admin`) are in `help`, and all work when typed.
COMMANDS = (
    "help",
    "principles",
    "principle",
    "meeting",
    "check",
    "report",
    "actions",
    "jargon",
    "glossary",
    "privacy",
)
MAX_MENU = 10  # the schema's limit on commands in one list
# Resource-specific consent: meeting start/end events in chats and channels, and channel
# messages without an @mention (so the jargon feature can read them in memory).
RSC_PERMISSIONS = (
    "OnlineMeeting.ReadBasic.Chat",
    "ChannelMeeting.ReadBasic.Group",
    "ChannelMessage.Read.Group",
)


def manifest(
    pack: PromptPack,
    *,
    app_id: str,
    version: str = "1.0.0",
    website: str = "https://github.com/coprod/coprod",
    valid_domains: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The manifest.json of the app package."""
    commands = [
        {"title": name, "description": pack.say(f"teams.package.cmd.{name}")[:128]}
        for name in COMMANDS
    ]
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": app_id,
        "developer": {
            "name": "coprod",
            "websiteUrl": website,
            "privacyUrl": website,
            "termsOfUseUrl": website,
        },
        "name": {"short": "coprod", "full": pack.say("teams.package.name_full")[:100]},
        "description": {
            "short": pack.say("teams.package.description_short")[:80],
            "full": pack.say("teams.package.description_full")[:4000],
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT_COLOR,
        "bots": [
            {
                "botId": app_id,
                "scopes": list(SCOPES),
                "isNotificationOnly": False,
                "supportsFiles": False,
                "supportsCalling": False,
                "supportsVideo": False,
                "commandLists": [{"scopes": list(SCOPES), "commands": commands}],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": list(valid_domains),
        "webApplicationInfo": {"id": app_id, "resource": f"api://botid-{app_id}"},
        "authorization": {
            "permissions": {
                "resourceSpecific": [
                    {"name": name, "type": "Application"} for name in RSC_PERMISSIONS
                ]
            }
        },
    }


def build_package(pack: PromptPack, *, app_id: str, **options: Any) -> bytes:
    """The zip Teams accepts: manifest.json, color.png and outline.png at the top level."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        data = manifest(pack, app_id=app_id, **options)
        zf.writestr("manifest.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        zf.writestr("color.png", color_icon())
        zf.writestr("outline.png", outline_icon())
    return buffer.getvalue()
