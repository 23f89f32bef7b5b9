"""Neutral events one feature announces for others to act on, without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Event


@dataclass(frozen=True)
class SettingsChanged(Event):
    """An admin changed channel settings `names` here (with `everywhere`, workspace-wide).
    Listeners (`@on(SettingsChanged)`) act on it; what they return is not posted."""

    names: tuple[str, ...] = ()
    everywhere: bool = False
