"""The Slack app manifest: slash command, bot events, least-privilege scopes, interactivity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.prompts import PromptPack

from .transport import ROUTE

COMMAND = "/coprod"
BOT_EVENTS = (
    "app_home_opened",
    "app_mention",
    "member_joined_channel",
    "message.channels",
    "message.groups",
    "message.im",
)
# Each scope is justified in docs/slack.md; a scope not listed here is not asked for.
BOT_SCOPES = (
    "app_mentions:read",
    "channels:history",
    "channels:read",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:write",
    "users:read",
)


def events_url(base: str) -> str:
    """`https://example.org` → `https://example.org/slack/events`."""
    base = base.rstrip("/")
    return base if base.endswith(ROUTE) else base + ROUTE


def usage_hint(commands: Sequence[str], limit: int = 100) -> str:
    """`[help | principles | …]`: whole command names only, within Slack's length limit.
    `commands` are the names help shows, in its order (the runtime chooses the features)."""
    names = ["help", *(name for name in commands if name != "help")]
    for count in range(len(names), 0, -1):
        shown = names[:count] + (["…"] if count < len(names) else [])
        hint = "[" + " | ".join(shown) + "]"
        if len(hint) <= limit:
            return hint
    return "[help]"


def manifest(
    pack: PromptPack, *, url: str | None, socket_mode: bool, commands: Sequence[str]
) -> dict[str, Any]:
    """The manifest as a dict. In Socket Mode no request URL is needed (or given). `commands`
    are the names of the commands help shows, for the usage hint."""
    endpoint = None if socket_mode or not url else events_url(url)
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": pack.say("slack.manifest.command"),
        "usage_hint": usage_hint(commands),
        "should_escape": True,  # people, channels, links as tokens: see escapes.py
    }
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if endpoint:
        command["url"] = endpoint
        events["request_url"] = endpoint
        interactivity["request_url"] = endpoint
    return {
        "display_information": {
            "name": "coprod",
            "description": pack.say("slack.manifest.description"),
            "long_description": pack.say("slack.manifest.long_description"),
            "background_color": "#2c5545",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "coprod", "always_online": True},
            "slash_commands": [command],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }
