"""The nudge cards: after-meeting reflection, principle of the week, check reminder, settings.

Every nudge card names its principle, says in one line why it appeared, and offers
"Pause nudges for 2 weeks". Buttons carry the nudge's id, so an adapter can tell which nudge a
post was; the post itself carries it as `Reply.key` (see `nudge_reply`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..markup import plain
from ..model import Block, Button, Buttons, Card, Context, Reply, Text
from ..prompts import PromptPack
from ..prompts.kinds import default_kind

PAUSE_ACTION = "nudges.pause"
VOTE_ACTION = "nudges.vote"
VOTES = ("yes", "partly", "no", "skip")  # "skip": Rather not say


def _prompt_text(pack: PromptPack, prompt_id: str) -> str:
    """The pack's wording of a prompt: only for slots composed before their wording was kept
    on the slot (content composed now carries the effective wording)."""
    found = pack.prompt(prompt_id)
    return found[2].text if found else ""


def question_texts(pack: PromptPack, content: dict[str, Any]) -> list[str]:
    """The reflection's questions as composed (the wording in force in the channel then)."""
    texts = content.get("texts")
    if isinstance(texts, list) and len(texts) == len(content["questions"]):
        return [str(t) for t in texts]
    return [_prompt_text(pack, q) for q in content["questions"]]


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


def question_kinds(content: dict[str, Any], texts: list[str]) -> list[str]:
    """Each question's kind ("vote" or "talk") as composed; older slots (no kinds kept) fall
    back to the rule for questions nobody gave a kind."""
    kinds = content.get("kinds")
    if isinstance(kinds, list) and len(kinds) == len(texts):
        return [str(k) for k in kinds]
    return [default_kind(t) for t in texts]


def vote_buttons(pack: PromptPack, nudge_id: str, question: str) -> Buttons:
    """Yes / Partly / No / Rather not say, all in the same style so none is suggested."""
    return Buttons(
        tuple(
            Button(
                pack.say(f"nudge.vote.{v}"), VOTE_ACTION, {"nudge": nudge_id, "q": question, "v": v}
            )
            for v in VOTES
        )
    )


def vote_blocks(pack: PromptPack, nudge_id: str, question: str, text: str) -> list[Any]:
    """One vote question: the question, then its buttons."""
    return [Text(f"**{text}**"), vote_buttons(pack, nudge_id, question)]


def talk_blocks(pack: PromptPack, texts: list[str]) -> list[Any]:
    """The open questions, and the invitation to answer them in the thread."""
    return [
        Text("\n".join(f"**{t}**" for t in texts)),
        Text(pack.say("nudge.reflection.talk")),
    ]


def reflection_card(
    pack: PromptPack,
    content: dict[str, Any],
    nudge_id: str,
    *,
    tallies: dict[str, str] | None = None,
) -> Card:
    """The reflection: each vote question with its buttons, then the open (talk) questions
    with the invitation to answer in the thread, then why it came and the pause button.
    Built from small parts (`vote_blocks`, `talk_blocks`, `reflection_actions`) so features
    can add to one part without rebuilding the card."""
    principle = pack.principle(int(content["principle"]))
    ids = list(content["questions"])
    texts = question_texts(pack, content)
    kinds = question_kinds(content, texts)
    title = pack.say("nudge.reflection.title", number=principle.number, title=principle.title)
    votes = [(q, t) for q, t, k in zip(ids, texts, kinds, strict=True) if k == "vote"]
    talks = [t for t, k in zip(texts, kinds, strict=True) if k != "vote"]
    intro = "nudge.reflection.intro" if votes else "nudge.reflection.intro_talk"
    if tallies is not None:
        intro = "nudge.reflection.closed"
    blocks: list[Any] = [Text(pack.say(intro))]
    for question, text in votes:
        if tallies is not None:  # votes closed: the tally where the buttons were
            blocks += [Text(f"**{text}**"), Text(tallies.get(question, ""))]
        else:
            blocks += vote_blocks(pack, nudge_id, question, text)
    if talks:
        blocks += talk_blocks(pack, talks)
    blocks += [
        Context(_why(pack, "reflection", content)),
        *reflection_actions(pack, content, nudge_id),
    ]
    fallback = f"{title}\n" + "\n".join(f"- {q}" for q in texts)
    return Card(title=title, fallback_text=fallback, blocks=tuple(blocks), id="nudge.reflection")


def reflection_actions(pack: PromptPack, content: dict[str, Any], nudge_id: str) -> list[Any]:
    """The buttons under a reflection (today: pause nudges)."""
    return [_pause(pack, nudge_id)]


def weekly_card(pack: PromptPack, content: dict[str, Any], nudge_id: str) -> Card:
    principle = pack.principle(int(content["principle"]))
    title = pack.say("nudge.weekly.title", number=principle.number, title=principle.title)
    reminder = content.get("reminder_text") or _prompt_text(pack, content["reminder"])
    step = content.get("step_text") or _prompt_text(pack, content["step"])
    ours: list[Text] = (  # outside English: our version after the framework's words, labelled
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
    blocks: tuple[Block, ...] = (
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


def nudge_reply(
    pack: PromptPack,
    kind: str,
    content: dict[str, Any],
    nudge_id: str,
    *,
    hooks: Sequence[Callable[[PromptPack, Card, dict[str, Any]], Card]] = (),
) -> Reply:
    """The public post for one nudge. A reflection also carries what `hooks` add (the
    `REFLECTION_CARD` hooks of `bot/hooks.py`: the actions feature's open actions on top and
    "Make this an action" below)."""
    card = RENDERERS[kind](pack, content, nudge_id)
    if kind == "reflection":
        for hook in hooks:
            card = hook(pack, card, content)
    return Reply(card=card, key=nudge_id)
