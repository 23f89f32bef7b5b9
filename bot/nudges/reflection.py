"""Choosing a reflection: one principle, weighted toward the channel's weakest, and 1–3 of its
questions, never one the channel saw in its previous reflection."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..prompts.models import Prompt

WEAK_BOOST = 3.0  # weight = 1 + WEAK_BOOST × (4 − score): a score of 1 weighs 10, of 4 weighs 1


@dataclass(frozen=True)
class Reflection:
    principle: int
    questions: tuple[str, ...]  # prompt ids
    weak: bool  # chosen because the last check scored this principle among the weakest


def weights(scores: dict[int, float], numbers: list[int]) -> dict[int, float]:
    """Weight of each principle: 1 without a score, more the lower its score (1–4)."""
    out = {}
    for n in numbers:
        score = scores.get(n)
        out[n] = 1.0 if score is None else 1.0 + WEAK_BOOST * (4.0 - min(4.0, max(1.0, score)))
    return out


def choose(
    pool: dict[int, list[Prompt]],
    scores: dict[int, float],
    last: list[str] | tuple[str, ...],
    count: int,
    rng: random.Random,
    principle: int | None = None,
) -> Reflection:
    """Pick a principle (or use `principle`) and up to `count` of its reflection questions,
    excluding every question of the previous reflection (`last`). `pool` holds the questions
    in force in the channel, by principle (`PromptOverrides.effective_by_principle`)."""
    seen = set(last)
    fresh = {n: [q.id for q in pool[n] if q.id not in seen] for n in sorted(pool)}
    if principle is None:
        candidates = [n for n, ids in fresh.items() if ids]
        table = weights(scores, candidates)
        principle = rng.choices(candidates, weights=[table[n] for n in candidates])[0]
    ids = fresh.get(principle) or [q.id for q in pool[principle]]
    picked = tuple(rng.sample(ids, k=min(max(1, count), len(ids))))
    weak = bool(scores) and principle in scores and scores[principle] <= min(scores.values())
    return Reflection(principle, picked, weak)
