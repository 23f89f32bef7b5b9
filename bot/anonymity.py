"""The minimum group size: the smallest group any result, count or tally may ever show.

`minimum_group_size(store, scope)` is the one place anything reads it from: check results, the
report, the scores nudges use, the export, the command-line export, reflection tallies and
charts. A workspace setting only (`admin check minimum`): one channel cannot lower it."""

from __future__ import annotations

from typing import Any

from .channel_settings import TABLE, WORKSPACE
from .store import Store

MINIMUM = "check.minimum"
DEFAULT_MINIMUM = 5  # common practice for anonymous staff surveys
FLOOR = 3  # never fewer: with 2, each of them could read off the other's answers

SETTINGS: dict[str, Any] = {MINIMUM: DEFAULT_MINIMUM}  # the Core declares it


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
