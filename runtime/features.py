"""What a coprod process runs: its adapter packages (platforms) and the features of its core."""

from __future__ import annotations

from functools import cache

from adapters import local, slack, teams
from adapters.base import AdapterPackage
from bot.actions.feature import FEATURE as ACTIONS
from bot.admin import AdminSpec, admin_commands
from bot.admin.subcommands.feature import FEATURE as ADMIN
from bot.check.feature import FEATURE as CHECK
from bot.commands.features import (
    FORGET,
    HELP,
    LANGUAGE,
    PRINCIPLES,
    PRIVACY,
    SMALL_TALK,
    WELCOME,
)
from bot.feature import Feature
from bot.jargon.feature import FEATURE as JARGON
from bot.marks import CommandSpec
from bot.nudges.feature import FEATURE as NUDGES
from bot.platforms import register
from bot.registry import Registry
from bot.settings import register_settings

# Every adapter package the process can run, in mounting (and starting) order. Adding a
# platform is its package and one line here (`adapters.base.AdapterPackage` says what a package
# exposes). Each one's platform is known to the core whether it runs or not (COPROD_ADMINS
# entries, stored conversations).
ADAPTERS: tuple[AdapterPackage, ...] = (local, teams, slack)
for _package in ADAPTERS:
    register(_package.PLATFORM)
    if _package.SETTINGS is not None:
        register_settings(_package.SETTINGS)

# In this order `forget me` runs their erasers (the audit log's first).
FEATURES: tuple[Feature, ...] = (
    ADMIN,
    JARGON,
    ACTIONS,
    CHECK,
    FORGET,
    LANGUAGE,
    NUDGES,
    HELP,
    PRINCIPLES,
    PRIVACY,
    SMALL_TALK,
    WELCOME,
)


@cache
def shipped() -> Registry:
    """What the shipped features bring, for tools that list them (manifests, help pages)."""
    return Registry(FEATURES)


def visible_commands() -> list[CommandSpec]:
    """The shipped commands `help` shows, in help order."""
    return shipped().visible_commands()


def shipped_admin_commands() -> list[AdminSpec]:
    """The shipped admin subcommands, in help order."""
    return admin_commands(shipped())
