"""The packaging contract: what every adapter package exposes, so the runtime mounts them alike."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from bot.adapter import Adapter
from bot.core import Core
from bot.platforms import PlatformRules
from bot.settings import PlatformSettings, Settings


class AdapterPackage(Protocol):
    """An adapter package (`adapters.local`, `adapters.teams`, `adapters.slack`, …).

    `runtime.server.build` loops over a tuple of these: for each one `enabled(settings)`, it
    calls `mount(app, core, settings)` once and registers the adapter it returns with the core,
    then starts every registered adapter. `mount` adds the package's routes to the one web app
    and must not connect anywhere (that is `Adapter.start`). The package's `__init__` stays
    light: an SDK loads inside `mount`, so CLI tools that import the package start quickly.

    `PLATFORM` is what the core knows of the platform (its name, how a person is written, where
    its admins are listed): `runtime/features.py` registers it, running or not. `SETTINGS` is
    its settings model (`adapters/<name>/settings.py`), validated at start-up with the core's;
    None when it has no settings of its own."""

    PLATFORM: PlatformRules
    SETTINGS: type[PlatformSettings] | None

    def enabled(self, settings: Settings) -> bool:
        """Is this platform configured to run (its settings present, or asked for)?"""
        ...

    def mount(self, app: web.Application, core: Core, settings: Settings) -> Adapter:
        """Add the routes to `app` and return the adapter (not yet started or registered)."""
        ...
