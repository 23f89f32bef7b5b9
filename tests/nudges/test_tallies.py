"""Issue 15: votes people see. Defect: votes were counted (`nudge_votes`) and never shown,
although the card says "it is counted without your name"."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.check.cards import report_card
from bot.check.report import Trend
from bot.context import Context
from bot.model import CardAction, Command, Threading, User
from bot.nudges.tallies import POSTS, recent_tallies
from tests.nudges.conftest import Bot

ADMIN = User("ada", "Ada", platform_admin=True)
QUESTION = "p4.reflection.2"


async def _one_vote_question(bot: Bot) -> dict:  # type: ignore[type-arg]
    for n in (1, 3, 4, 5):
        await bot.core.handle(
            Command(bot.ref(), ADMIN, text=f"admin prompts disable p4.reflection.{n}")
        )
    reply = (await bot.say("reflect 4"))[0]
    assert reply.card is not None
    (post,) = await bot.core.store.find(POSTS, state="open")
    return post


async def _vote(bot: Bot, post: dict, answers: list[str]) -> None:  # type: ignore[type-arg]
    for i, answer in enumerate(answers):
        value = {"nudge": post["nudge"], "q": QUESTION, "v": answer}
        event = CardAction(bot.ref(), User(f"person{i}"), action_id="nudges.vote", value=value)
        assert "counted" in (await bot.core.handle(event))[0].text


async def test_the_tally_follows_the_next_working_morning_in_the_thread(bot: Bot) -> None:
    post = await _one_vote_question(bot)
    await _vote(bot, post, ["yes", "yes", "partly", "no", "yes", "skip", "yes"])
    scheduler = bot.scheduler()
    await scheduler.start()
    bot.clock.set(datetime(2026, 1, 5, 23, 0, tzinfo=UTC))
    await scheduler.tick()
    assert bot.recorder.posts == []  # not before the next working morning
    bot.clock.set(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))
    await scheduler.tick()
    (follow_up,) = bot.recorder.posts
    assert follow_up.reply.text == "7 answered: Yes 4, Partly 1, No 1, Rather not say 1."
    assert follow_up.reply.threading == Threading.THREAD
    late = CardAction(
        bot.ref(),
        User("late"),
        action_id="nudges.vote",
        value={"nudge": post["nudge"], "q": QUESTION, "v": "no"},
    )
    assert "closed" in (await bot.core.handle(late))[0].text


async def test_below_the_minimum_only_how_many_answered_is_shown(bot: Bot) -> None:
    post = await _one_vote_question(bot)
    await _vote(bot, post, ["yes", "no"])
    await bot.say("reflect 4")  # the next reflection closes the votes
    (follow_up,) = bot.recorder.posts
    assert follow_up.reply.text.startswith("2 answered. The split stays hidden")
    assert "Yes" not in follow_up.reply.text and "from 5 answers" in follow_up.reply.text


async def test_a_question_the_post_did_not_ask_is_not_counted(bot: Bot) -> None:
    post = await _one_vote_question(bot)
    value = {"nudge": post["nudge"], "q": "p4.reflection.1", "v": "yes"}
    event = CardAction(bot.ref(), User("sam"), action_id="nudges.vote", value=value)
    assert (await bot.core.handle(event))[0].text == bot.core.pack.say("error.unknown_action")


async def test_report_shows_recent_tallies_under_their_principle(bot: Bot) -> None:
    post = await _one_vote_question(bot)
    await _vote(bot, post, ["yes"] * 5)
    await bot.say("reflect 4")
    votes = await recent_tallies(bot.core.store, bot.ref())
    assert votes[4] == [
        (
            "Did everyone get a fair chance to speak and be heard today?",
            "5 answered: Yes 5, Partly 0, No 0.",
        )
    ]
    ctx = Context(bot.core, Command(bot.ref(), ADMIN))
    trends = [Trend(n, (3.0,)) for n in range(1, 9)]
    card = report_card(ctx, trends, 1, votes)
    text = str(card.blocks)
    principle_4 = text.index("4. ")
    assert text.index("5 answered: Yes 5") > principle_4
    assert text.index("5 answered: Yes 5") < text.index("5. ")
