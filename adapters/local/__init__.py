"""The local web chat: the product with no account anywhere, and the first-class test double."""

from __future__ import annotations

from aiohttp import web

from bot.core import Core
from bot.settings import PlatformSettings, Settings

from .adapter import LocalAdapter
from .platform import PLATFORM
from .routes import add_routes

# The local chat has no settings of its own (COPROD_LOCAL is the core's).
SETTINGS: type[PlatformSettings] | None = None

__all__ = ["PLATFORM", "SETTINGS", "LocalAdapter", "add_routes", "enabled", "mount"]


def enabled(settings: Settings) -> bool:
    """The local chat runs with `COPROD_LOCAL`, or when no other platform is configured."""
    return settings.local_enabled


def mount(app: web.Application, core: Core, settings: Settings) -> LocalAdapter:
    """The chat page at `/` and its API under `/local/`, on `app`; `build()` registers the
    adapter it returns."""
    adapter = LocalAdapter()
    add_routes(app, core, adapter)
    return adapter
