"""After start-up, what start-up built is out of the cycle collector's view (gc.freeze), so a
full collection under load no longer walks it; garbage made later is still collected."""

from __future__ import annotations

import gc

from runtime.server import settle_start_up


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_start_up_objects_are_frozen_and_later_cycles_still_collected() -> None:
    kept = [_Cycle() for _ in range(10)]
    try:
        settle_start_up()
        assert gc.get_freeze_count() >= len(kept)
        later = _Cycle()
        del later
        assert gc.collect() >= 1  # a cycle made after start-up is still found
    finally:
        gc.unfreeze()
