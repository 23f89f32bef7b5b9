"""Which principle an action serves: the one given (`p5`), or one suggested from its words."""

from __future__ import annotations

import re

from ..prompts import PromptPack

# Everyday words of actions, beside each principle's own keywords in principles.yaml.
EXTRA_WORDS: dict[int, tuple[str, ...]] = {
    1: ("involve", "invite", "design", "agenda", "co-design", "bid", "plan"),
    2: ("pay", "invoice", "expense", "budget", "fund", "room", "venue", "train", "voucher"),
    3: ("translate", "interpreter", "easy-read", "easy", "access", "reach", "language", "bsl"),
    4: ("decide", "vote", "chair", "power", "listen", "respect", "equal"),
    5: ("share", "send", "email", "minutes", "notes", "explain", "update", "tell", "plain"),
    6: ("check-in", "wellbeing", "support", "mentor", "buddy", "debrief", "care"),
    7: ("review", "feedback", "evaluate", "survey", "lessons", "learn", "reflect"),
    8: ("newsletter", "story", "stories", "celebrate", "report", "impact", "publish", "thank"),
}


def suggest(pack: PromptPack, text: str) -> int | None:
    """The principle whose keywords the text shares most, or None when it shares none."""
    words = set(re.findall(r"[a-z][a-z-]+", text.lower()))
    if not words:
        return None
    best, best_score = None, 0
    for number, principle in sorted(pack.principles.items()):
        keys = {k.lower() for k in principle.keywords} | set(EXTRA_WORDS.get(number, ()))
        score = sum(1 for w in words if any(_same(w, k) for k in keys))
        if score > best_score:
            best, best_score = number, score
    return best


def _same(word: str, key: str) -> bool:
    """`paying` is `pay`, `translated` is `translate`: a shared start of 4 letters or more."""
    if word == key:
        return True
    short = min(len(word), len(key))
    return short >= 4 and (word.startswith(key) or key.startswith(word[: max(4, len(key) - 1)]))
