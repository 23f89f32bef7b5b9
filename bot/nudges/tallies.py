"""Tallies of reflection votes: each post's counts, closed the next working morning after the
post (a one-off slot) or when the next reflection is posted in the channel, then shown on the
card in place where the platform can replace a posted card, else in a short thread follow-up.

A split is shown only with at least the workspace's minimum group size of answers (the check's
setting, `minimum_group_size`); below it, only how many answered. Counts only: nobody's answer
is kept (see `commands.vote_button`)."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..anonymity import minimum_group_size
from ..chart import Chart
from ..marks import one_off
from ..model import Card, ConversationRef, Reply, Text, Threading
from ..schedule import ChannelSchedule
from ..scheduling.one_off import plan_one_off
from ..scheduling.slots import iso
from ..store import Doc, Store
from .cards import VOTES, question_kinds, question_texts, reflection_card
from .tally_chart import tally_chart

if TYPE_CHECKING:
    from ..prompts import PromptPack
    from ..services import Services

log = logging.getLogger(__name__)
POSTS = "reflection_posts"  # one per reflection with vote questions: what it asked, its state
TALLIES = "nudge_tallies"  # one per post and question: the counts
CLOSE = "reflection_close"  # the one-off slot kind that closes a post's votes
OPEN, CLOSING, CLOSED = "open", "closing", "closed"
RECENT = 3  # tallies per principle in `report`


def post_key(channel_key: str, nudge: str) -> str:
    return f"{channel_key}|{nudge}"


def tally_key(channel_key: str, nudge: str, question: str) -> str:
    return f"{channel_key}|{nudge}|{question}"


def votes_of(content: dict[str, Any], pack: PromptPack) -> list[tuple[str, str]]:
    """(prompt id, wording) of each vote question of a reflection, in order."""
    texts = question_texts(pack, content)
    kinds = question_kinds(content, texts)
    return [
        (q, t) for q, t, k in zip(content["questions"], texts, kinds, strict=True) if k == "vote"
    ]


def closes_at(schedule: ChannelSchedule, posted: datetime) -> datetime:
    """The next working morning after `posted`."""
    tomorrow = schedule.local(posted).date() + timedelta(days=1)
    return schedule.next_allowed(schedule.at(tomorrow, schedule.day_start))


async def open_post(
    core: Services,
    ref: ConversationRef,
    nudge: str,
    content: dict[str, Any],
    now: datetime,
    schedule: ChannelSchedule,
) -> None:
    """A reflection is being posted in `ref`'s channel: close the channel's open votes, then
    (if it asks a vote question) keep what it asks and plan its own close."""
    ref = ref.in_thread(None)
    for post in await core.store.find(POSTS, channel_key=ref.channel_key, state=OPEN):
        if post["nudge"] != nudge:
            await close_post(core, post)
    if not votes_of(content, core.pack):
        return
    doc = {
        "scope": ref.scope,
        "channel_key": ref.channel_key,
        "nudge": nudge,
        "principle": int(content["principle"]),
        "content": content,
        "posted_at": iso(now),
        "message_id": None,
        "state": OPEN,
    }
    if await core.store.add(POSTS, post_key(ref.channel_key, nudge), doc):
        await plan_one_off(core, ref, CLOSE, nudge, closes_at(schedule, now))


async def posted(core: Services, ref: ConversationRef, nudge: str, message_id: str) -> None:
    """The platform's id of a reflection's post, so its tally can replace the card later."""
    key = post_key(ref.in_thread(None).channel_key, nudge)
    if await core.store.get(POSTS, key) is not None:
        await core.store.update(POSTS, key, {"message_id": message_id})


async def vote_state(store: Store, ref: ConversationRef, nudge: str, question: str) -> str:
    """ "open" when a vote on this post's `question` counts (posts from before tallies have no
    record: they count), "closed" after the close, "unknown" for a question it did not ask."""
    doc = await store.get(POSTS, post_key(ref.in_thread(None).channel_key, nudge))
    if doc is None:
        return OPEN
    if question not in doc["content"].get("questions", []):
        return "unknown"
    return OPEN if doc.get("state") == OPEN else CLOSED


async def count(store: Store, ref: ConversationRef, nudge: str, question: str, answer: str) -> None:
    """One more `answer` on this post's `question`."""
    key = tally_key(ref.in_thread(None).channel_key, nudge, question)
    await store.add(TALLIES, key, {"scope": ref.scope, **dict.fromkeys(VOTES, 0)})
    while True:
        doc = await store.get(TALLIES, key)
        assert doc is not None
        seen = doc.get(answer)
        if await store.update(TALLIES, key, {answer: (seen or 0) + 1}, expect={answer: seen}):
            return


async def counts(store: Store, channel_key: str, nudge: str, question: str) -> dict[str, int]:
    doc = await store.get(TALLIES, tally_key(channel_key, nudge, question)) or {}
    return {v: int(doc.get(v) or 0) for v in VOTES}


def tally_line(pack: PromptPack, numbers: dict[str, int], minimum: int) -> str:
    """ "7 answered: Yes 4, Partly 2, No 1." or, below the minimum, how many answered only."""
    total = sum(numbers.values())
    if total == 0:
        return pack.say("nudge.tally.nobody")
    if total < minimum:
        return pack.say("nudge.tally.hidden", count=total, minimum=minimum)
    parts = [
        pack.say("nudge.tally.part", label=pack.say(f"nudge.vote.{v}"), count=numbers[v])
        for v in VOTES
        if numbers[v] or v != "skip"
    ]
    return pack.say("nudge.tally.split", count=total, parts=", ".join(parts))


async def _lines(core: Services, post: Doc) -> list[tuple[str, str, str]]:
    """(question id, wording, tally line) for each vote question of a post."""
    minimum = await minimum_group_size(core.store, post["scope"])
    out = []
    for question, text in votes_of(post["content"], core.pack):
        numbers = await counts(core.store, post["channel_key"], post["nudge"], question)
        out.append((question, text, tally_line(core.pack, numbers, minimum)))
    return out


async def _chart(core: Services, post: Doc) -> Chart | None:
    """The tally as a picture (`tally_chart`): only splits the card shows, else None."""
    minimum = await minimum_group_size(core.store, post["scope"])
    shown = [
        (text, await counts(core.store, post["channel_key"], post["nudge"], question))
        for question, text in votes_of(post["content"], core.pack)
    ]
    return tally_chart(core.pack, shown, minimum)


def closed_card_reply(
    core: Services, post: Doc, lines: list[tuple[str, str, str]], chart: Chart | None = None
) -> Reply:
    """The reflection card as posted, each vote question's buttons replaced by its tally, with
    the tally's chart where there is one."""
    shown = {q: line for q, _, line in lines}
    card = reflection_card(core.pack, post["content"], post["nudge"], tallies=shown)
    return Reply(card=replace(card, chart=chart) if chart is not None else card)


def follow_up_reply(
    core: Services, lines: list[tuple[str, str, str]], chart: Chart | None
) -> Reply:
    """The tally in the post's thread: its words, and its chart on a small card if any."""
    text = follow_up(core, lines)
    card = None
    if chart is not None:
        card = Card(
            id="nudge.tally",
            title=chart.title,
            fallback_text=text,
            blocks=(Text(text),),
            chart=chart,
        )
    return Reply(text=text, card=card, threading=Threading.THREAD)


def follow_up(core: Services, lines: list[tuple[str, str, str]]) -> str:
    if len(lines) == 1:
        return lines[0][2]
    return "\n".join(
        core.pack.say("nudge.tally.question", question=t, tally=line) for _, t, line in lines
    )


async def close_post(core: Services, post: Doc) -> None:
    """Close a post's votes once (compare-and-set, so one replica does it) and show the tally:
    on the card in place when the platform can, else in a follow-up in the post's thread (in
    the channel when the post's id is not known). At most once: a crash midway loses the
    follow-up rather than doubling it."""
    key = post_key(post["channel_key"], post["nudge"])
    if not await core.store.update(POSTS, key, {"state": CLOSING}, expect={"state": OPEN}):
        return
    lines = await _lines(core, post)
    tallies = [{"question": q, "text": t, "line": line} for q, t, line in lines]
    await core.store.update(POSTS, key, {"state": CLOSED, "tallies": tallies})
    ref = await core.conversation(post["channel_key"])
    if ref is None:
        return
    adapter = core.adapters.get(ref.platform)
    message_id = post.get("message_id")
    chart = await _chart(core, post)
    if message_id and adapter is not None and adapter.capabilities.update_posts:
        try:
            if await adapter.update(ref, message_id, closed_card_reply(core, post, lines, chart)):
                return
        except Exception:
            log.exception("Could not replace reflection %s with its tally", post["nudge"])
    if all(line == core.pack.say("nudge.tally.nobody") for _, _, line in lines):
        return
    reply = follow_up_reply(core, lines, chart)
    await core.send(ref.in_thread(message_id) if message_id else ref, reply)


@one_off(CLOSE)
async def close_due(core: Services, slot: Doc) -> Reply | None:
    """The next working morning after a reflection: close its votes (see `close_post`, which
    posts what there is to post itself, so the slot has nothing more to post)."""
    post = await core.store.get(POSTS, post_key(slot["channel_key"], slot["source"]))
    if post is not None:
        await close_post(core, post)
    return None


async def recent_tallies(store: Store, ref: ConversationRef) -> dict[int, list[tuple[str, str]]]:
    """Each principle's latest closed vote tallies in this channel, newest first:
    (question wording, tally line), at most RECENT per principle."""
    posts = await store.find(POSTS, channel_key=ref.in_thread(None).channel_key, state=CLOSED)
    posts.sort(key=lambda p: p.get("posted_at", ""), reverse=True)
    out: dict[int, list[tuple[str, str]]] = {}
    for post in posts:
        mine = out.setdefault(int(post["principle"]), [])
        for tally in post.get("tallies") or []:
            if len(mine) < RECENT:
                mine.append((str(tally["text"]), str(tally["line"])))
    return out
