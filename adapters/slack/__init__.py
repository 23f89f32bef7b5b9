"""The Slack adapter, on slack-bolt: `enabled(settings)` and `mount(app, core, settings)`."""

from __future__ import annotations

from aiohttp import web

from bot.core import Core
from bot.settings import PlatformSettings, Settings

from .adapter import SlackAdapter
from .platform import PLATFORM
from .settings import SlackSettings

__all__ = ["PLATFORM", "SETTINGS", "SlackAdapter", "enabled", "mount"]
SETTINGS: type[PlatformSettings] | None = SlackSettings


def enabled(settings: Settings) -> bool:
    """Slack runs when `SLACK_BOT_TOKEN` is set (start-up checks the rest of its settings)."""
    return settings.platform(SlackSettings).enabled(settings)


def mount(app: web.Application, core: Core, settings: Settings) -> SlackAdapter:
    """The Slack adapter, with its `/slack/events` route on `app` (HTTP mode only); `build()`
    registers and starts it."""
    adapter = SlackAdapter(core, settings)
    adapter.add_routes(app)
    return adapter
