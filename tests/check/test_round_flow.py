"""A check round through the local API: open, answer by form and by text, results, close."""

from __future__ import annotations

import pytest

from bot.check.answers import parse_text
from bot.model import CardAction, ConversationRef, Platform, User
from tests.check.conftest import (
    FIVE,
    ROUND1,
    ROUND2,
    card_text,
    cards_with,
    form,
    submit,
    submit_all,
)
from tests.conftest import Chat, all_text


async def test_check_posts_a_public_round_card_with_an_answer_button(chat: Chat) -> None:
    replies = await chat.say("/coprod check")
    [card] = cards_with(replies, "check.round")
    assert replies[0]["visibility"] == "public"
    assert card["title"] == "Co-production check: 8 quick statements, anonymous"
    [buttons] = [b for b in card["blocks"] if b["type"] == "buttons"]
    button = buttons["buttons"][0]
    assert (button["label"], button["action_id"]) == ("Answer now (anonymous)", "check.open")
    assert button["value"] == {"round": ROUND1}
    assert card["fallback_text"]


async def test_the_button_opens_a_private_form_with_eight_statements(chat: Chat) -> None:
    await chat.say("/coprod check")
    replies = await chat.click("check.open", {"round": ROUND1}, user="sam")
    assert replies[0]["visibility"] == "private"
    [card] = cards_with(replies, "check.form")
    [form_block] = [b for b in card["blocks"] if b["type"] == "form"]
    assert form_block["action_id"] == "check.submit"
    assert form_block["value"] == {"round": ROUND1}
    inputs = form_block["inputs"]
    assert [i["id"] for i in inputs] == [f"p{n}" for n in range(1, 9)] + ["role"]
    assert inputs[0]["label"].startswith("1. Embed Co-production: We involve partners")
    assert [o["label"] for o in inputs[0]["options"]] == [
        "Not yet",
        "Starting",
        "Developing",
        "Embedded",
        "Don't know",
    ]
    assert [o["value"] for o in inputs[0]["options"]] == ["1", "2", "3", "4", "0"]
    assert inputs[-1]["required"] is False
    assert {o["value"] for o in inputs[-1]["options"]} == {"partner", "staff", "other", "none"}
    assert 'name="p8"' in replies[0]["html"]


async def test_five_people_by_form_and_text_see_all_eight_principles_at_close(
    chat: Chat,
) -> None:
    await chat.say("/coprod check")
    first = await submit(chat, "alex", "2 3 1 4 0 2 3 1", "partner")
    assert first[0]["visibility"] == "private"
    assert "1 answered so far" in first[0]["text"] and "4 more needed" in first[0]["text"]
    assert "Monday 12 January at 09:00" in first[0]["text"]  # when it closes on its own
    second = await submit(chat, "sam", "3 3 2 4 0 1 3 4")
    assert "3 more needed" in second[0]["text"]
    await chat.say("/coprod check answer 1 2 3 4 0 2 2 1 as staff", user="kim")
    await submit(chat, "jo", "2 2 2 2 0 2 2 2")
    fifth = await chat.say("/coprod check answer 2 2 2 2 0 2 2 2", user="lee")
    assert "5 answered so far, enough for results" in fifth[0]["text"]
    assert all(r["visibility"] == "private" and not r["card"] for r in fifth)

    closed = await chat.say("/coprod check close")
    [card] = cards_with(closed, "check.results")
    assert closed[0]["visibility"] == "public"
    text = card_text(card)
    assert "Check 1 has ended: 5 answered. Here are its results." in text
    for n, title in enumerate(
        [
            "Embed Co-production",
            "Plan Appropriate Infrastructure and Support",
            "Promote Equality, Diversity and Inclusion",
            "Build Empowering and Equal Relationships",
            "Foster Open and Transparent Communication",
            "Provide Ongoing Support",
            "Learn, Reflect, Adapt with Partners",
            "Share a Vision of Meaningful Change",
        ],
        start=1,
    ):
        assert f"**{n}. {title}**" in text
    assert "**1. Embed Co-production**: 2.0 out of 4" in text
    assert "▃▆▃·  Not yet 1, Starting 3, Developing 1, Embedded 0" in text
    assert "everyone chose Don't know" in text and "Don't know 5" in text
    assert "**One next step** for principle 6" in text  # 2, 1, 2, 2, 2 → 1.8 is the lowest
    assert card["fallback_text"].count("\n") == 9  # the notice, the title, 8 principles

    later = await chat.say("/coprod check results", user="jo")
    [again] = cards_with(later, "check.results")
    assert later[0]["visibility"] == "public"
    assert card_text(again) == text.removeprefix(
        "Check 1 has ended: 5 answered. Here are its results.\n"
    )


async def test_four_answers_say_one_more_is_needed_and_show_nothing(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, FIVE[:3], "2 3 1 4 0 2 3 1")
    await chat.say("/coprod check answer 2 2 2 2 2 2 2 2", user="sam")
    replies = await chat.say("/coprod check results")
    assert "4 answered so far" in replies[0]["text"] and "1 more needed" in replies[0]["text"]
    assert replies[0]["visibility"] == "private"
    assert not cards_with(replies, "check.results")
    assert "out of 4" not in all_text(replies)


async def test_enough_answers_still_show_nothing_while_open(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, [*FIVE, "fay", "gus"], "4 4 4 4 4 4 4 4")
    replies = await chat.say("/coprod check results")
    assert "7 answered so far, enough for results" in replies[0]["text"]
    assert not cards_with(replies, "check.results") and "out of 4" not in all_text(replies)


async def test_second_answer_is_refused_by_form_and_by_text(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit(chat, "alex", "1 1 1 1 1 1 1 1")
    again = await submit(chat, "alex", "4 4 4 4 4 4 4 4")
    assert "already answered" in again[0]["text"]
    assert again[0]["visibility"] == "private"
    text_again = await chat.say("/coprod check answer 4 4 4 4 4 4 4 4", user="alex")
    assert "already answered" in text_again[0]["text"]
    button_again = await chat.click("check.open", {"round": ROUND1}, user="alex")
    assert "already answered" in button_again[0]["text"]
    assert not cards_with(button_again, "check.form")
    await submit_all(chat, FIVE[:4], "1 1 1 1 1 1 1 1")
    closed = await chat.say("/coprod check close")
    assert "5 answered" in all_text(closed)
    assert "1.0 out of 4" in card_text(cards_with(closed, "check.results")[0])


async def test_two_clicks_at_once_count_once(chat: Chat) -> None:
    import asyncio

    await chat.say("/coprod check")
    results = await asyncio.gather(*(submit(chat, "alex", "2 2 2 2 2 2 2 2") for _ in range(5)))
    accepted = [r for r in results if "Thank you" in r[0]["text"]]
    assert len(accepted) == 1
    assert await chat.runtime.store.count("check_answers") == 1


async def test_submit_replaces_the_form_for_that_person(chat: Chat) -> None:
    """The local JSON has no replace flag, so this looks at the core's replies directly."""
    await chat.say("/coprod check")
    ref = ConversationRef(Platform.LOCAL, "local", "general")
    replies = await chat.runtime.core.handle(
        CardAction(ref, User("sam"), action_id="check.submit", value=form("3 3 3 3 3 3 3 3"))
    )
    assert replies[0].replace_card is True
    assert replies[0].private and replies[0].recipient == User("sam")


async def test_a_form_with_a_missing_answer_says_which(chat: Chat) -> None:
    await chat.say("/coprod check")
    value = form("2 2 2 2 2 2 2 2")
    del value["p4"]
    replies = await chat.click("check.submit", value, user="alex")
    assert "Missing: 4" in replies[0]["text"]
    assert await chat.runtime.store.count("check_answers") == 0


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "2 3 1",
        "2 3 1 4 0 2 3 5",
        "2 3 1 4 0 2 3 1 9",
        "2 3 1 4 0 2 3 1 as manager",
        "two three",
        "2 3 1 4 0 2 3 1 2",
    ],
)
async def test_a_malformed_text_answer_gets_the_correct_form(chat: Chat, typed: str) -> None:
    await chat.say("/coprod check")
    replies = await chat.say(f"/coprod check answer {typed}", user="sam")
    assert replies[0]["visibility"] == "private"
    assert "/coprod check answer 2 3 1 4 0 2 3 1 as partner" in replies[0]["text"]
    assert "0 Don't know" in replies[0]["text"]
    assert await chat.runtime.store.count("check_answers") == 0


def test_text_answers_that_are_accepted() -> None:
    assert parse_text("2 3 1 4 0 2 3 1").scores == (2, 3, 1, 4, 0, 2, 3, 1)  # type: ignore[union-attr]
    assert parse_text("2,3,1,4,0,2,3,1 as staff").role == "staff"  # type: ignore[union-attr]
    assert parse_text("23140231 partner").role == "partner"  # type: ignore[union-attr]
    assert parse_text("2 3 1 4 0 2 3 1 As a Partner").role == "partner"  # type: ignore[union-attr]


async def test_text_answer_without_an_open_round_says_how_to_start(chat: Chat) -> None:
    replies = await chat.say("/coprod check answer 2 3 1 4 0 2 3 1")
    assert "no check open" in replies[0]["text"] and "/coprod check" in replies[0]["text"]


async def test_check_while_open_says_so_and_offers_results_and_close(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit(chat, "alex", "2 2 2 2 2 2 2 2")
    replies = await chat.say("/coprod check", user="sam")
    assert replies[0]["visibility"] == "private"
    text = all_text(replies)
    assert "already open" in text and "(1 answered so far; results need at least 5)" in text
    assert "closes on its own on Monday 12 January at 09:00" in text
    assert "/coprod check results" in text and "/coprod check close" in text
    assert len(await chat.runtime.store.find("check_rounds")) == 1


async def test_the_opener_is_told_when_the_round_closes_on_its_own(chat: Chat) -> None:
    await chat.say("/coprod admin timezone America/New_York", user="ada")
    replies = await chat.say("/coprod check")  # 09:00 UTC is 04:00 in New York
    [card] = cards_with(replies, "check.round")
    assert "Monday 12 January at 04:00" in card_text(card)
    assert "only if at least 5 people have answered" in card_text(card)
    note = replies[1]
    assert note["visibility"] == "private"
    assert "closes on its own on Monday 12 January at 04:00" in note["text"]
    await chat.say("/coprod check close")
    await chat.say("/coprod admin check close-after 3", user="ada")
    replies = await chat.say("/coprod check")
    assert "Thursday 8 January at 04:00" in replies[1]["text"]


async def test_only_the_opener_or_an_admin_can_close(chat: Chat) -> None:
    await chat.say("/coprod check", user="alex")
    refused = await chat.say("/coprod check close", user="sam")
    assert "Only the person who started this check" in refused[0]["text"]
    closed = await chat.say("/coprod check close", user="alex")
    assert closed[0]["text"] == "Check 1 has ended. Nobody answered it."
    await chat.say("/coprod check", user="sam")
    by_admin = await chat.say("/coprod check close", user="ada")
    assert "Check 2 has ended" in by_admin[0]["text"]
    nothing = await chat.say("/coprod check close", user="ada")
    assert "no check open" in nothing[0]["text"]


async def test_closing_below_the_minimum_asks_first_then_deletes_unseen(chat: Chat) -> None:
    await chat.say("/coprod check", user="alex")
    await submit_all(chat, FIVE[:2], "3 3 3 3 3 3 3 3")
    asked = await chat.say("/coprod check close", user="alex")
    [card] = cards_with(asked, "check.close_confirm")
    assert asked[0]["visibility"] == "private"
    assert "has 2 of the 5 answers needed" in card_text(card)
    assert "delete those answers without anyone seeing them" in card_text(card)
    [buttons] = [b for b in card["blocks"] if b["type"] == "buttons"]
    assert buttons["buttons"][0]["action_id"] == "check.close"
    assert buttons["buttons"][0]["value"] == {"round": ROUND1}
    assert "/coprod check close confirm" in all_text(asked)
    assert (await chat.runtime.store.find("check_rounds"))[0]["status"] == "open"  # not yet
    # Someone else cannot press the button for them.
    refused = await chat.click("check.close", {"round": ROUND1}, user="sam")
    assert "Only the person who started" in refused[0]["text"]
    pressed = await chat.click("check.close", {"round": ROUND1}, user="alex")
    assert pressed[0]["visibility"] == "private" and "has ended" in pressed[0]["text"]
    public = pressed[1]
    assert public["visibility"] == "public"
    assert "2 answered. That is fewer than 5" in public["text"]
    assert await chat.runtime.store.count("check_answers") == 0
    assert await chat.runtime.store.count("check_claims") == 0
    late = await chat.click("check.close", {"round": ROUND1}, user="alex")
    assert "no check open" in late[0]["text"]


async def test_check_close_confirm_ends_it_at_once(chat: Chat) -> None:
    await chat.say("/coprod check", user="alex")
    await submit(chat, "sam", "3 3 3 3 3 3 3 3")
    closed = await chat.say("/coprod check close confirm", user="alex")
    assert closed[0]["visibility"] == "public"
    assert "1 answered. That is fewer than 5" in closed[0]["text"]
    results = await chat.say("/coprod check results")
    assert "1 answered, fewer than the 5 needed" in results[0]["text"]


async def test_closing_shows_results_once_and_they_never_change(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "3 3 3 3 3 3 3 3")
    closed = await chat.say("/coprod check close")
    assert closed[0]["visibility"] == "public"
    text = card_text(cards_with(closed, "check.results")[0])
    assert "Check 1 has ended: 5 answered" in text
    assert "It has ended, so these results will not change." in text
    late = await submit(chat, "jo", "1 1 1 1 1 1 1 1")
    assert "has ended" in late[0]["text"]
    store = chat.runtime.store
    assert await store.count("check_claims") == 0  # claims go when a round closes
    assert await store.count("check_answers") == 0  # and so do the answers: totals stay
    [rnd] = await store.find("check_rounds")
    assert rnd["answered"] == 5 and rnd["results"]["all"][0] == [0, 0, 5, 0, 0]
    # A lower minimum later changes nothing about it.
    await chat.say("/coprod admin check minimum 3", user="ada")
    again = card_text(cards_with(await chat.say("/coprod check results"), "check.results")[0])
    assert again in text


async def test_trend_arrows_across_two_rounds(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "2 3 2 1 0 2 2 2")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "3 2 2 1 4 2 2 2", round_key=ROUND2)
    await chat.say("/coprod check close")
    text = card_text(cards_with(await chat.say("/coprod check results"), "check.results")[0])
    assert "**1. Embed Co-production**: 3.0 out of 4 ↑ up from 2.0" in text
    assert "**2. Plan Appropriate Infrastructure and Support**: 2.0 out of 4 ↓ down from 3.0" in (
        text
    )
    assert "**3. Promote Equality, Diversity and Inclusion**: 2.0 out of 4 = same as last time" in (
        text
    )
    # No score last time (everyone said don't know), so no arrow.
    assert "**5. Foster Open and Transparent Communication**: 4.0 out of 4\n" in text


async def test_rounds_below_the_minimum_are_skipped_when_comparing(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "2 2 2 2 2 2 2 2")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    await submit(chat, "alex", "4 4 4 4 4 4 4 4", round_key=ROUND2)  # only one answer
    closed = await chat.say("/coprod check close confirm")
    assert "deleted those answers" in closed[0]["text"]
    assert await chat.runtime.store.count("check_answers", round=ROUND2) == 0
    await chat.say("/coprod check")
    await submit_all(chat, FIVE, "3 3 3 3 3 3 3 3", round_key="local:local:general#3")
    closed = await chat.say("/coprod check close")
    assert "3.0 out of 4 ↑ up from 2.0" in card_text(cards_with(closed, "check.results")[0])


async def test_partners_staff_gap_hidden_below_the_minimum_per_group(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, [f"p{i}" for i in range(4)], "1 1 1 1 1 1 1 1", "partner")
    await submit_all(chat, [f"s{i}" for i in range(5)], "4 4 4 4 4 4 4 4", "staff")
    await submit(chat, "o1", "2 2 2 2 2 2 2 2", "other")
    text = card_text(cards_with(await chat.say("/coprod check close"), "check.results")[0])
    assert "Partners 1.0" not in text and "staff 4.0" not in text
    assert "widest gap" not in text
    assert "only when at least 5 partners and 5 staff have answered" in text
    [rnd] = await chat.runtime.store.find("check_rounds")
    assert rnd["results"]["partner"] is None and rnd["results"]["staff"] is None  # not kept


async def test_partners_staff_gap_shown_at_the_minimum_each_with_the_widest_pointed_out(
    chat: Chat,
) -> None:
    await chat.say("/coprod check")
    await submit_all(chat, [f"p{i}" for i in range(5)], "2 2 2 1 2 2 2 2", "partner")
    await submit_all(chat, [f"s{i}" for i in range(5)], "2 3 2 4 2 2 2 3", "staff")
    text = card_text(cards_with(await chat.say("/coprod check close"), "check.results")[0])
    assert "Partners 1.0, staff 4.0" in text
    assert "Partners 2.0, staff 2.0" in text
    assert "**The widest gap between partners and staff** is on principle 4" in text
    assert "partners 1.0, staff 4.0" in text
    # A gap of a whole step or more gets the next step, rather than the weakest principle.
    assert "**One next step** for principle 4" in text
    assert "see things most differently" in text


async def test_check_usage_for_an_unknown_subcommand(chat: Chat) -> None:
    replies = await chat.say("/coprod check banana")
    assert "/coprod check answer" in replies[0]["text"]
    assert replies[0]["visibility"] == "private"


async def test_help_lists_check_and_report(chat: Chat) -> None:
    text = all_text(await chat.say("/coprod help"))
    assert "/coprod check" in text and "/coprod report" in text
