"""The check's two settings: the minimum group size, and how long a round stays open.

`minimum_group_size(store, scope)` is the one place anything reads the minimum from: results,
the report, the scores nudges use, the export and the command-line export, and later features
(reflection tallies, charts) that must never show a group smaller than it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ..channel_settings import TABLE, WORKSPACE, declare
from ..store import Store

MINIMUM = "check.minimum"
DEFAULT_MINIMUM = 5  # common practice for anonymous staff surveys
FLOOR = 3  # never fewer: with 2, each of them could read off the other's answers
CLOSE_AFTER = "check.close_after_days"
DEFAULT_CLOSE_AFTER = 7
MAX_CLOSE_AFTER = 90

declare(MINIMUM, DEFAULT_MINIMUM)
declare(CLOSE_AFTER, DEFAULT_CLOSE_AFTER)


def valid_minimum(value: Any) -> int | None:
    """`value` as a minimum group size, or None if it cannot be one (below the floor)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number >= FLOOR else None


async def minimum_group_size(store: Store, scope: str) -> int:
    """The workspace's minimum number of answers before any result is shown (default 5, never
    below 3). A workspace setting only: one channel cannot lower it for itself."""
    doc = await store.get(TABLE, f"{scope}:{WORKSPACE}")
    found = valid_minimum((doc or {}).get(MINIMUM))
    return found if found is not None else DEFAULT_MINIMUM


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
