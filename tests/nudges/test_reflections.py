"""Reflections: weighting toward the weakest principle, rotation, votes, meeting-end triggers."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta

import pytest

from adapters.local import LocalAdapter
from adapters.slack import SlackAdapter
from adapters.teams.adapter import TeamsAdapter
from bot.model import CardAction, Command, MeetingEnded, User
from bot.nudges.pacing import Pacer
from tests.conftest import Chat, all_text
from tests.nudges.conftest import Bot


def questions(reply) -> list[str]:  # type: ignore[no-untyped-def]
    """The prompt ids a reflection card asks about (from its buttons and lists)."""
    vote = next(
        b
        for b in reply.card.blocks
        if type(b).__name__ == "Buttons" and b.buttons[0].action_id == "nudges.vote"
    )
    return [vote.buttons[0].value["q"]]


def principle_of(reply) -> int:  # type: ignore[no-untyped-def]
    return int(reply.card.title.split("Principle ")[1].split(":")[0])


async def test_reflections_lean_toward_the_weakest_principle(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scores(_ctx):  # type: ignore[no-untyped-def]
        return {1: 4.0, 2: 4.0, 3: 1.0, 4: 4.0, 5: 3.5, 6: 4.0, 7: 4.0, 8: 4.0}

    monkeypatch.setattr(bot.core.registry, "scores", [scores])
    counts: Counter[int] = Counter()
    weak_note = 0
    for _ in range(120):
        reply = (await bot.say("reflect"))[0]
        counts[principle_of(reply)] += 1
        weak_note += "needs the most attention" in str(reply.card)
    assert counts.most_common(1)[0][0] == 3
    assert counts[3] > 0.4 * 120  # weight 10 of 17.5 ≈ 57%
    assert weak_note == counts[3]


async def test_without_scores_every_principle_comes_up(bot: Bot) -> None:
    seen = {principle_of((await bot.say("reflect"))[0]) for _ in range(80)}
    assert seen == set(range(1, 9))


async def test_a_channel_never_sees_the_same_question_twice_in_a_row(bot: Bot) -> None:
    await bot.set("nudges.reflection_questions", 3)
    previous: set[str] = set()
    for i in range(60):
        reply = (await bot.say("reflect 2" if i % 3 == 0 else "reflect"))[0]
        text = str(reply.card.blocks)
        asked = {
            q.id
            for n in range(1, 9)
            for q in bot.core.pack.prompts("reflection", n)
            if q.text in text
        }
        assert asked and not asked & previous, (i, asked, previous)
        previous = asked


async def test_reflect_posts_publicly_and_checks_its_number(bot: Bot) -> None:
    reply = (await bot.say("reflect 6"))[0]
    assert not reply.private and principle_of(reply) == 6
    assert "someone asked" in str(reply.card)
    assert (await bot.say("reflect 9"))[0].private


async def test_votes_are_counted_anonymously_once_per_person(bot: Bot) -> None:
    reply = (await bot.say("meeting ended"))[0]
    vote = next(b for b in reply.card.blocks if type(b).__name__ == "Buttons")
    yes, partly = vote.buttons[0].value, vote.buttons[1].value

    async def click(user: str, value: dict[str, str]) -> str:
        event = CardAction(bot.ref(), User(user), action_id="nudges.vote", value=value)
        return (await bot.core.handle(event))[0].text

    assert "counted without your name" in await click("ann", yes)
    assert "already answered" in await click("ann", partly)
    await click("bob", partly)
    counts = await bot.core.store.find("nudge_votes")
    assert [(c["yes"], c["partly"], c["no"]) for c in counts] == [(1, 1, 0)]
    assert "ann" not in str(await bot.core.store.find("nudge_voters"))
    forget = await bot.say("forget me confirm", user="ann")
    assert forget and await bot.core.store.count("nudge_voters") == 1


async def test_meeting_ended_events_produce_one_reflection(bot: Bot) -> None:
    bot.clock.advance(hours=2)  # Monday 10:00
    event = MeetingEnded(bot.ref(), None, meeting_id="teams-meeting-1", title="Planning")
    first = await bot.core.handle(event)
    assert len(first) == 1 and "Planning" in str(first[0].card)
    assert not first[0].private
    assert await bot.core.handle(event) == []  # a repeated delivery posts nothing
    # A reflection from a meeting end holds back a scheduled one for the same meeting.
    await bot.say("meeting add Planning Mon 09:00-10:00")
    bot.clock.advance(minutes=6)
    report = await bot.scheduler().tick()
    assert bot.recorder.posts == []
    assert "a meeting-end reflection was just posted" in report.skipped


async def test_meeting_end_in_quiet_hours_still_posts(bot: Bot) -> None:
    bot.clock.advance(hours=13)  # Monday 21:00
    replies = await bot.say("meeting ended Evening group")
    assert replies[0].card is not None and "Evening group" in str(replies[0].card)


async def test_meeting_ended_in_the_local_chat_produces_a_reflection(chat: Chat) -> None:
    replies = await chat.say("/coprod meeting ended", channel="team")
    text = all_text(replies)
    assert replies[0]["visibility"] == "public"
    assert "Time to reflect. Principle" in text and "Pause nudges for 2 weeks" in text
    again = await chat.say("/coprod meeting ended", channel="team")
    assert again[0]["visibility"] == "private" and "a moment ago" in again[0]["text"]
    clicked = await chat.click("nudges.pause", {"for": "2w"}, channel="team")
    assert "paused" in all_text(clicked)


async def test_scheduled_nudges_reach_the_local_chat(chat: Chat) -> None:
    from bot.nudges.scheduler import Scheduler

    runtime = chat.runtime
    await chat.say("/coprod meeting add Stand-up daily 09:00-09:30", channel="team")
    scheduler = Scheduler(runtime.core)
    runtime.core.clock.advance(minutes=36)  # type: ignore[attr-defined]
    await scheduler.tick()
    assert runtime.local is not None
    posted = runtime.local.since("team", "alex", 0)
    assert sorted(p["card"]["id"] for p in posted) == ["nudge.reflection", "nudge.weekly"]


async def test_pacing_keeps_to_each_platforms_budget() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    adapters = (SlackAdapter, TeamsAdapter, LocalAdapter)
    budgets = {str(a.platform): a.capabilities.post_budget for a in adapters}
    pacer = Pacer(budgets, monotonic=lambda: now[0], sleep=sleep)
    times: dict[str, list[float]] = {"slack": [], "teams": [], "local": []}
    for platform in times:
        now[0] = 1000.0
        for _ in range(70):
            await pacer.wait(platform, "C1")
            times[platform].append(now[0])
    slack, teams = times["slack"], times["teams"]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(slack))
    for i in range(len(teams)):
        assert sum(1 for t in teams if teams[i] <= t < teams[i] + 1.0) <= 7
        assert sum(1 for t in teams if teams[i] <= t < teams[i] + 30.0) <= 60
    assert teams[-1] - teams[0] >= 30.0
    assert times["local"] == [1000.0] * 70
    # Different channels do not wait for each other.
    now[0] = 5000.0
    await pacer.wait("slack", "C2")
    assert now[0] == 5000.0
    assert timedelta(seconds=sum(slept)) > timedelta(0)


async def test_reflect_uses_the_admins_questions_and_counts_votes_on_them(bot: Bot) -> None:
    """Issue 15 defect: after an edit, an add and four disables, eight runs of `reflect 4`
    used only the shipped (disabled) questions."""
    admin = User("ada", "Ada", platform_admin=True)

    async def as_admin(text: str) -> None:
        event = Command(bot.ref(), admin, text=text)
        assert not any(r.is_error for r in await bot.core.handle(event))

    await as_admin("admin prompts edit p4.reflection.2 Did we all get a fair hearing today?")
    await as_admin("admin prompts add 4 reflection Did we share the papers in good time?")
    for n in (1, 3, 4, 5):
        await as_admin(f"admin prompts disable p4.reflection.{n}")
    shipped = {q.text for q in bot.core.pack.principles[4].reflections}
    seen: set[str] = set()
    for _ in range(8):
        card = str((await bot.say("reflect 4"))[0].card)
        assert not any(text in card for text in shipped)
        seen |= {t for t in ("fair hearing", "papers in good time") if t in card}
    assert seen == {"fair hearing", "papers in good time"}
    reply = (await bot.say("reflect 4"))[0]
    vote = next(b for b in reply.card.blocks if type(b).__name__ == "Buttons")
    event = CardAction(bot.ref(), User("ann"), action_id="nudges.vote", value=vote.buttons[0].value)
    assert "counted without your name" in (await bot.core.handle(event))[0].text
