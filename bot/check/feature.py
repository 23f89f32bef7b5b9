"""The check feature's declaration: `check`, `report`, closing rounds and `admin check`."""

from __future__ import annotations

from ..feature import collect
from . import admin, admin_export, close, commands, minimum

FEATURE = collect("check", commands, admin, admin_export, close, settings=minimum.SETTINGS)
