"""The process's settings: the core's and every adapter package's, validated together."""

from __future__ import annotations

from bot.settings import Settings
from bot.settings import load_settings as load_core_and_platforms


def load_settings(**overrides: object) -> Settings:
    """`bot.settings.load_settings` once every adapter package's settings model is registered
    (importing `runtime.features` registers them), so a bad `SLACK_*` setting stops start-up."""
    from . import features  # noqa: F401  (loaded only by the tools that read settings)

    return load_core_and_platforms(**overrides)
