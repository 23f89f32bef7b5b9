"""Microsoft Teams through the Bot Framework: `/api/messages`, Adaptive Cards, proactive posts.

`enabled(settings)` and `mount(app, core, settings)` (the packaging contract); the package itself
imports nothing heavy (botbuilder loads inside `mount`), so CLI tools such as `teams-package`
start quickly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.settings import PlatformSettings

from .platform import PLATFORM
from .settings import TeamsSettings

__all__ = ["PLATFORM", "SETTINGS", "enabled", "mount"]
SETTINGS: type[PlatformSettings] | None = TeamsSettings

if TYPE_CHECKING:
    from aiohttp import web

    from bot.core import Core
    from bot.settings import Settings

    from .adapter import TeamsAdapter


def enabled(settings: Settings) -> bool:
    """Teams runs with `MICROSOFT_APP_ID`, or unauthenticated beside the local chat only."""
    return settings.platform(TeamsSettings).enabled(settings)


def mount(app: web.Application, core: Core, settings: Settings) -> TeamsAdapter:
    """Serve `/api/messages` on `app`; the Teams adapter it returns is registered by `build()`."""
    from .wiring import wire  # botbuilder loads only to serve

    return wire(app, core, settings)
