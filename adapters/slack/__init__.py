"""The Slack adapter, on slack-bolt: `enabled(settings)` and `mount(app, core, settings)`."""

from __future__ import annotations

from aiohttp import web

from bot.core import Core
from bot.settings import Settings

from .adapter import SlackAdapter

__all__ = ["SlackAdapter", "enabled", "mount"]


def enabled(settings: Settings) -> bool:
    """Slack runs when `SLACK_BOT_TOKEN` is set (start-up checks the rest of its settings)."""
    return settings.slack_enabled


def mount(app: web.Application, core: Core, settings: Settings) -> SlackAdapter:
    """The Slack adapter, with its `/slack/events` route on `app` (HTTP mode only); `build()`
    registers and starts it."""
    adapter = SlackAdapter(core, settings)
    adapter.add_routes(app)
    return adapter
