"""The jargon feature's declaration: tips on channel messages, `jargon`, `explain`, the glossary."""

from __future__ import annotations

from ..feature import collect
from . import admin, command, delivery, explain, glossary_command, report
from .service import NAME, Jargon

FEATURE = collect(
    NAME,
    delivery,
    admin,
    command,
    explain,
    glossary_command,
    report,
    setup=Jargon,
    settings=delivery.SETTINGS,
)
