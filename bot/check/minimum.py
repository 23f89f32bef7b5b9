"""How long a check round stays open (the minimum group size is `bot/anonymity.py`'s)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..anonymity import DEFAULT_MINIMUM, FLOOR, MINIMUM, minimum_group_size, valid_minimum

__all__ = ["DEFAULT_MINIMUM", "FLOOR", "MINIMUM", "minimum_group_size", "valid_minimum"]

CLOSE_AFTER = "check.close_after_days"
DEFAULT_CLOSE_AFTER = 7
MAX_CLOSE_AFTER = 90

SETTINGS = {CLOSE_AFTER: DEFAULT_CLOSE_AFTER}  # declared in `feature.py`


def valid_days(value: Any) -> int | None:
    """`value` as a number of days a round stays open (1 to 90), or None."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        days = int(value)
    except ValueError:
        return None
    return days if 1 <= days <= MAX_CLOSE_AFTER else None


def close_after(value: Any) -> timedelta:
    """How long a round stays open, from the stored setting (the default if it is unusable)."""
    return timedelta(days=valid_days(value) or DEFAULT_CLOSE_AFTER)
