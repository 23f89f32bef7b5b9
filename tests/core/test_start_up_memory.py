"""After start-up, what start-up built is out of the cycle collector's view (gc.freeze), so a
full collection under load no longer walks it; garbage made later is still collected."""

from __future__ import annotations

import gc

from runtime.server import GC_YOUNG_THRESHOLD, settle_start_up


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_start_up_objects_are_frozen_and_later_cycles_still_collected() -> None:
    kept = [_Cycle() for _ in range(10)]
    threshold = gc.get_threshold()
    try:
        settle_start_up()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, *threshold[1:])
        later = _Cycle()
        del later
        assert gc.collect() >= 1  # a cycle made after start-up is still found
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_cycles_made_under_load_are_still_collected_without_a_full_collection() -> None:
    """At the raised threshold the young generation still runs on its own: cyclic garbage made
    by turns is freed by allocation alone, with no explicit collect."""
    import weakref

    threshold = gc.get_threshold()
    try:
        settle_start_up()
        made = [weakref.ref(_Cycle()) for _ in range(GC_YOUNG_THRESHOLD)]
        junk = [[{} for _ in range(10)] for _ in range(GC_YOUNG_THRESHOLD // 5)]
        del junk
        assert sum(ref() is None for ref in made) > len(made) // 2
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
