"""What a nudge says: its content is chosen once, when the slot is claimed, and kept on the slot
so a recovered send posts the same words."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..context import Context
from ..model import ConversationRef, Event
from ..registry import principle_scores
from .reflection import choose
from .schedule import ChannelSchedule
from .slots import iso

if TYPE_CHECKING:
    from ..core import Core

CHECK_PRINCIPLE = 7  # Learn, reflect, adapt with partners
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nudge_id(key: str) -> str:
    """A short public id for a slot key (it goes into button values)."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


async def compose(
    core: Core,
    ref: ConversationRef,
    kind: str,
    key: str,
    state: dict[str, Any],
    schedule: ChannelSchedule,
    now: datetime,
    *,
    trigger: str = "scheduled",
    meeting: str = "",
    principle: int | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(content, memory changes) for one nudge. The random choices are seeded by the slot key,
    so composing the same slot twice gives the same result."""
    rng = random.Random(key)
    if kind == "reflection":
        scores = await principle_scores(Context(core, Event(ref)))
        picked = choose(
            core.pack,
            scores,
            state.get("last_questions", []),
            schedule.questions,
            rng,
            principle,
        )
        content = {
            "principle": picked.principle,
            "questions": list(picked.questions),
            "weak": picked.weak,
            "trigger": trigger,
            "meeting": meeting,
        }
        from ..actions.reflection import opening  # "Last time you agreed" (bot/actions)

        content.update(await opening(core, ref, trigger))
        return content, {"last_questions": list(picked.questions), "last_reflection_at": iso(now)}
    if kind == "weekly":
        number = int(state.get("next_principle", 1))
        number = number if 1 <= number <= 8 else 1
        content = {
            "principle": number,
            "reminder": rng.choice(core.pack.prompts("reminder", number)).id,
            "step": rng.choice(core.pack.prompts("next_step", number)).id,
            "weekday": WEEKDAYS[schedule.weekly_day],
        }
        return content, {"next_principle": number % 8 + 1}
    return {"principle": CHECK_PRINCIPLE, "weeks": schedule.check_every_weeks}, {}
