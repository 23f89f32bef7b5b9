"""The nudge cards: after-meeting reflection, principle of the week, check reminder, settings.

Every nudge card names its principle, says in one line why it appeared, and offers
"Pause nudges for 2 weeks". Buttons carry the nudge's id, so an adapter can tell which nudge a
post was (see `nudge_id_of`)."""

from __future__ import annotations

from typing import Any

from ..markup import plain
from ..model import Button, Buttons, Card, Context, Reply, Style, Text
from ..prompts import PromptPack

PAUSE_ACTION = "nudges.pause"
VOTE_ACTION = "nudges.vote"
VOTES = ("yes", "partly", "no")


def _prompt_text(pack: PromptPack, prompt_id: str) -> str:
    found = pack.prompt(prompt_id)
    return found[2].text if found else ""


def _pause(pack: PromptPack, nudge_id: str) -> Buttons:
    return Buttons(
        (
            Button(
                pack.say("nudge.pause.button"),
                PAUSE_ACTION,
                {"for": "2w", "nudge": nudge_id},
            ),
        )
    )


def _why(pack: PromptPack, kind: str, content: dict[str, Any]) -> str:
    if kind == "weekly":
        return pack.say(
            "nudge.why.weekly", weekday=content.get("weekday", ""), number=content["principle"]
        )
    if kind == "check":
        return pack.say("nudge.why.check", weeks=content.get("weeks", 12))
    trigger = content.get("trigger", "scheduled")
    meeting = plain(content.get("meeting") or "", limit=80)
    if trigger == "scheduled":
        why = pack.say("nudge.why.scheduled", meeting=meeting)
    elif trigger == "asked":
        why = pack.say("nudge.why.asked")
    elif meeting:
        why = pack.say("nudge.why.ended_named", meeting=meeting)
    else:
        why = pack.say("nudge.why.ended")
    if content.get("weak"):
        why += " " + pack.say("nudge.why.weak")
    return why


def reflection_card(pack: PromptPack, content: dict[str, Any], nudge_id: str) -> Card:
    principle = pack.principle(int(content["principle"]))
    questions = [_prompt_text(pack, q) for q in content["questions"]]
    title = pack.say("nudge.reflection.title", number=principle.number, title=principle.title)
    blocks: list[Any] = [
        Text(pack.say("nudge.reflection.intro")),
        Text(f"**{questions[0]}**"),
        Buttons(
            tuple(
                Button(
                    pack.say(f"nudge.vote.{v}"),
                    VOTE_ACTION,
                    {"nudge": nudge_id, "q": content["questions"][0], "v": v},
                    Style.PRIMARY if v == "yes" else Style.DEFAULT,
                )
                for v in VOTES
            )
        ),
    ]
    if len(questions) > 1:
        blocks.append(
            Text(
                pack.say("nudge.reflection.more")
                + "\n"
                + "\n".join(f"- {q}" for q in questions[1:])
            )
        )
    blocks += [
        Context(_why(pack, "reflection", content)),
        _pause(pack, nudge_id),
    ]
    fallback = f"{title}\n" + "\n".join(f"- {q}" for q in questions)
    return Card(title=title, fallback_text=fallback, blocks=tuple(blocks), id="nudge.reflection")


def weekly_card(pack: PromptPack, content: dict[str, Any], nudge_id: str) -> Card:
    principle = pack.principle(int(content["principle"]))
    title = pack.say("nudge.weekly.title", number=principle.number, title=principle.title)
    reminder = _prompt_text(pack, content["reminder"])
    step = _prompt_text(pack, content["step"])
    ours = (  # outside English: our version after the framework's words, labelled
        [
            Text(
                pack.say(
                    "principle.rendering",
                    label=pack.say("principle.rendering_label"),
                    statement=principle.rendering.statement,
                )
            )
        ]
        if principle.rendering
        else []
    )
    blocks = (
        Text(f"**{principle.statement}**"),
        *ours,
        Text(reminder),
        Text(pack.say("nudge.weekly.try", step=step)),
        Context(_why(pack, "weekly", content)),
        _pause(pack, nudge_id),
    )
    return Card(
        title=title,
        fallback_text=f"{title}. {principle.statement} {step}",
        blocks=blocks,
        id="nudge.weekly",
    )


def check_card(pack: PromptPack, content: dict[str, Any], nudge_id: str) -> Card:
    principle = pack.principle(int(content.get("principle", 7)))
    title = pack.say("nudge.check.title")
    blocks = (
        Text(pack.say("nudge.check.body", number=principle.number, title=principle.title)),
        Text(pack.say("nudge.check.how")),
        Context(_why(pack, "check", content)),
        _pause(pack, nudge_id),
    )
    return Card(
        title=title,
        fallback_text=f"{title} {pack.say('nudge.check.how')}",
        blocks=blocks,
        id="nudge.check",
    )


RENDERERS = {"reflection": reflection_card, "weekly": weekly_card, "check": check_card}


def nudge_reply(pack: PromptPack, kind: str, content: dict[str, Any], nudge_id: str) -> Reply:
    """The public post for one nudge. A reflection also carries the channel's actions (open
    ones on top, "Make this an action" below: `bot.actions.reflection`)."""
    card = RENDERERS[kind](pack, content, nudge_id)
    if kind == "reflection":
        from ..actions.reflection import with_actions  # the actions feature builds on nudges

        card = with_actions(pack, card, content)
    return Reply(card=card)


def nudge_id_of(reply: Reply) -> str | None:
    """The nudge id a post carries (its `key`, or its pause button's), for adapters that confirm
    delivery."""
    if reply.key:
        return reply.key
    if reply.card is None:
        return None
    for block in reply.card.blocks:
        if isinstance(block, Buttons):
            for button in block.buttons:
                if button.action_id == PAUSE_ACTION and "nudge" in button.value:
                    return button.value["nudge"]
    return None
