"""What a nudge says: its content is chosen once, when the slot is claimed, and kept on the slot
so a recovered send posts the same words."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..context import Context
from ..hooks import REFLECTION_OPENING
from ..model import ConversationRef, Event
from ..prompts.kinds import default_kind
from ..registry import principle_scores
from ..schedule import ChannelSchedule
from ..scheduling.slots import iso
from .reflection import choose

if TYPE_CHECKING:
    from ..services import Services

CHECK_PRINCIPLE = 7  # Learn, reflect, adapt with partners
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nudge_id(key: str) -> str:
    """A short public id for a slot key (it goes into button values)."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


async def compose(
    core: Services,
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
    prompts = core.prompt_overrides
    if kind == "reflection":
        scores = await principle_scores(Context(core, Event(ref)))
        pool = await prompts.effective_by_principle(ref, "reflection")
        picked = choose(
            pool,
            scores,
            state.get("last_questions", []),
            schedule.questions,
            rng,
            principle,
        )
        by_id = {q.id: q for q in pool[picked.principle]}
        chosen = [by_id[q] for q in picked.questions]
        content = {
            "principle": picked.principle,
            "questions": [q.id for q in chosen],
            # The wording in force when the nudge was composed, so a recovered send (and the
            # tally that updates the card later) shows the same words.
            "texts": [q.text for q in chosen],
            "kinds": [q.kind or default_kind(q.text) for q in chosen],
            "weak": picked.weak,
            "trigger": trigger,
            "meeting": meeting,
        }
        for opening in core.registry.hooked(REFLECTION_OPENING):  # "Last time you agreed"
            content.update(await opening(core, ref, trigger))
        return content, {"last_questions": list(picked.questions), "last_reflection_at": iso(now)}
    if kind == "weekly":
        number = int(state.get("next_principle", 1))
        number = number if 1 <= number <= 8 else 1
        reminder = rng.choice(await prompts.effective(ref, "reminder", number))
        step = rng.choice(await prompts.effective(ref, "next_step", number))
        content = {
            "principle": number,
            "reminder": reminder.id,
            "step": step.id,
            "reminder_text": reminder.text,
            "step_text": step.text,
            "weekday": WEEKDAYS[schedule.weekly_day],
        }
        return content, {"next_principle": number % 8 + 1}
    return {"principle": CHECK_PRINCIPLE, "weeks": schedule.check_every_weeks}, {}
