"""`check` and `report`: registered by importing the check package's command module."""

from __future__ import annotations

from ..check import admin as _check_admin  # noqa: F401  (registers `admin check`)
from ..check import commands as _check_commands  # noqa: F401  (registers check and report)
