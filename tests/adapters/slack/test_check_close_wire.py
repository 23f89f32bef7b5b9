"""The check's confirm steps and closing on its own, at the Slack wire: `check close` below the
minimum asks first (a button in the ephemeral, or `check close confirm`), `admin check delete`
asks first, and a round that reaches its closing time is closed by the scheduler and its post
goes out once, through the real adapter, even after a crash."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.clock import FakeClock
from bot.nudges.pacing import Pacer
from bot.nudges.scheduler import Scheduler
from bot.nudges.service import nudges_for
from bot.scheduling.slots import SENDING, SENT, iso

from .conftest import SlackClient, button_of
from .test_check_wire import CHANNEL, PEOPLE, open_round

TABLE = "nudge_slots"


async def answer(slack: SlackClient, user: str, scores: str = "2 3 1 4 0 2 3 1") -> None:
    status, _ = await slack.command(f"check answer {scores}", user_id=user)
    assert status == 200
    await slack.settle()


def scheduler(slack: SlackClient, clock: FakeClock) -> Scheduler:
    async def sleep(seconds: float) -> None:
        clock.advance(seconds=seconds)

    pacer = Pacer(monotonic=lambda: clock.now().timestamp(), sleep=sleep)
    return Scheduler(slack.runtime.core, pacer=pacer)


def closing_posts(slack: SlackClient, seq: int = 1) -> list[dict[str, Any]]:
    start = f"Check {seq} has closed on its own"
    return [p for p in slack.fake.of("chat.postMessage") if p["text"].startswith(start)]


async def test_closing_below_the_minimum_asks_with_a_button_first(slack: SlackClient) -> None:
    say = slack.runtime.core.pack.say
    await open_round(slack)
    for user in PEOPLE[:2]:
        await answer(slack, user)
    await slack.command("check close")
    await slack.settle()
    asked = slack.fake.of("hooks")[-1]
    assert asked["response_type"] == "ephemeral"
    assert "has 2 of the 5 answers needed" in asked["text"]
    button = button_of(asked["blocks"], "check.close#")
    assert button["text"]["text"] == say("check.close.confirm_button")
    assert button["style"] == "danger"
    assert len(slack.fake.of("chat.postMessage")) == 1  # only the round card: nothing closed
    assert await slack.runtime.store.count("check_answers") == 2

    # The button is in an ephemeral message: the click answers through its response_url.
    container = {"type": "message", "message_ts": "1700000000.000900", "is_ephemeral": True}
    await slack.click(button["action_id"], json.loads(button["value"]), container=container)
    await slack.settle()
    replaced = slack.fake.of("hooks")[-1]
    assert replaced["replace_original"] is True
    assert replaced["text"] == say("check.close.confirmed", seq=1)
    public = slack.fake.of("chat.postMessage")[-1]
    assert public["channel"] == CHANNEL
    assert public["text"] == say("check.close.too_few_by_hand", seq=1, count=2, minimum=5)
    assert await slack.runtime.store.count("check_answers") == 0


async def test_check_close_confirm_typed_ends_it_at_once(slack: SlackClient) -> None:
    say = slack.runtime.core.pack.say
    await open_round(slack)
    await answer(slack, PEOPLE[0])
    await slack.command("check close confirm")
    await slack.settle()
    public = slack.fake.of("chat.postMessage")[-1]
    assert public["text"] == say("check.close.too_few_by_hand", seq=1, count=1, minimum=5)


async def test_an_admin_deletes_a_rounds_results_after_confirming(slack: SlackClient) -> None:
    say = slack.runtime.core.pack.say
    slack.fake.person("U0ADMIN001", admin=True)
    await open_round(slack)
    for user in PEOPLE:
        await answer(slack, user)
    await slack.command("check close")
    await slack.settle()
    await slack.command("admin check delete 1", user_id="U0ADMIN001")
    await slack.settle()
    asked = slack.fake.of("hooks")[-1]
    assert asked["response_type"] == "ephemeral" and "cannot be undone" in asked["text"]
    button = button_of(asked["blocks"], "check.delete#")
    assert button["text"]["text"] == say("admin.check.delete_button", seq=1)
    # A member who is not an admin cannot press it.
    slack.fake.person("U0MEMBER01")
    container = {"type": "message", "message_ts": "1700000000.000901", "is_ephemeral": True}
    await slack.click(
        button["action_id"], json.loads(button["value"]), user="U0MEMBER01", container=container
    )
    await slack.settle()
    assert slack.fake.of("hooks")[-1]["text"].startswith(say("admin.refused"))
    assert await slack.runtime.store.count("check_rounds", status="closed") == 1
    await slack.click(
        button["action_id"], json.loads(button["value"]), user="U0ADMIN001", container=container
    )
    await slack.settle()
    done = slack.fake.of("hooks")[-1]
    assert done["replace_original"] is True
    assert done["text"] == say("admin.check.deleted", seq=1)
    assert await slack.runtime.store.count("check_rounds", status="deleted") == 1
    [entry] = await slack.runtime.store.find("audit")
    assert entry["by"] == "slack:U0ADMIN001" and entry["what"] == "check 1 results"


async def test_a_round_closes_on_its_own_and_posts_once(
    slack: SlackClient, clock: FakeClock
) -> None:
    say = slack.runtime.core.pack.say
    slack.fake.now = lambda: clock.now().timestamp()
    first = scheduler(slack, clock)
    await first.start()
    await open_round(slack)
    for user in PEOPLE:
        await answer(slack, user)
    clock.advance(days=7)
    assert (await first.tick()).sent == 1
    [post] = closing_posts(slack)
    assert post["channel"] == CHANNEL
    assert post["text"].startswith(say("check.close.done_on_time", seq=1, count=5))
    assert "Embed Co-production" in json.dumps(post["blocks"])
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENT)
    assert post["metadata"] == {
        "event_type": "coprod_nudge",
        "event_payload": {"nudge": slot["nudge"]},
    }
    # Ticking on, and a restarted process, post nothing more.
    clock.advance(minutes=5)
    assert (await first.tick()).sent == 0
    assert (await scheduler(slack, clock).tick()).sent == 0
    assert len(closing_posts(slack)) == 1
    # The round is closed for everyone, with the same results.
    await answer(slack, "U0LATE0001")
    assert slack.fake.of("hooks")[-1]["text"] == say("check.answer.no_round")


async def test_too_few_answers_by_the_closing_time_are_deleted_unseen(
    slack: SlackClient, clock: FakeClock
) -> None:
    say = slack.runtime.core.pack.say
    first = scheduler(slack, clock)
    await first.start()
    await open_round(slack)
    await answer(slack, PEOPLE[0], "4 4 4 4 4 4 4 4")
    clock.advance(days=7, minutes=1)
    assert (await first.tick()).sent == 1
    post = slack.fake.of("chat.postMessage")[-1]
    assert post["text"] == say("check.close.too_few_on_time", seq=1, count=1, minimum=5)
    assert await slack.runtime.store.count("check_answers") == 0


async def test_a_crash_after_the_closing_post_is_confirmed_from_history(
    slack: SlackClient, clock: FakeClock
) -> None:
    slack.fake.now = lambda: clock.now().timestamp()
    first = scheduler(slack, clock)
    await first.start()
    await open_round(slack)
    for user in PEOPLE:
        await answer(slack, user)
    clock.advance(days=7)
    assert (await first.tick()).sent == 1
    # Put the slot back as a process that died after posting would leave it.
    [slot] = await nudges_for(slack.runtime.core).slots.find(state=SENT)
    dead = {"state": SENDING, "claim": "dead-process", "claimed_at": slot["first_claimed_at"]}
    assert await slack.runtime.store.update(TABLE, slot["_key"], dead, expect={"state": SENT})
    clock.advance(minutes=5)
    report = await scheduler(slack, clock).tick()
    assert report.recovered == 1 and report.sent == 1
    assert len(closing_posts(slack)) == 1  # found in the channel's history: not posted again
    assert slack.fake.of("conversations.history")


async def test_a_crash_before_the_close_is_finished_then_posted_once(
    slack: SlackClient, clock: FakeClock
) -> None:
    slack.fake.now = lambda: clock.now().timestamp()
    await open_round(slack)
    for user in PEOPLE:
        await answer(slack, user)
    # A process claimed the closing slot and died before it closed the round.
    [slot] = await nudges_for(slack.runtime.core).slots.find(state="planned", kind="check_close")
    clock.advance(days=7)
    claimed = iso(clock.now())
    dead = {"state": SENDING, "claim": "dead", "claimed_at": claimed, "nudge": "n-dead"}
    dead["first_claimed_at"] = claimed
    assert await slack.runtime.store.update(TABLE, slot["_key"], dead)
    [rnd] = await slack.runtime.store.find("check_rounds")
    assert rnd["status"] == "open"
    clock.advance(minutes=5)
    report = await scheduler(slack, clock).tick()
    assert report.recovered == 1 and report.sent == 1
    [post] = closing_posts(slack)
    assert post["metadata"]["event_payload"]["nudge"] == "n-dead"
    [rnd] = await slack.runtime.store.find("check_rounds")
    assert rnd["status"] == "closed" and rnd["answered"] == 5
    clock.advance(minutes=5)
    assert (await scheduler(slack, clock).tick()).sent == 0
    assert len(closing_posts(slack)) == 1


async def test_a_round_closed_by_hand_first_gets_no_second_post(
    slack: SlackClient, clock: FakeClock
) -> None:
    first = scheduler(slack, clock)
    await first.start()
    await open_round(slack)
    for user in PEOPLE:
        await answer(slack, user)
    await slack.command("check close")
    await slack.settle()
    posts = len(slack.fake.of("chat.postMessage"))
    clock.set(datetime(2026, 1, 12, 9, 0, tzinfo=UTC) + timedelta(minutes=1))
    report = await first.tick()
    assert report.sent == 0 and report.skipped == {"nothing to post": 1}
    assert len(slack.fake.of("chat.postMessage")) == posts
