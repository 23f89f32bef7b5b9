"""A check round through the local API: open, answer by form and by text, results, close."""

from __future__ import annotations

import pytest

from bot.check.answers import parse_text
from bot.model import CardAction, ConversationRef, Platform, User
from tests.check.conftest import ROUND1, ROUND2, card_text, cards_with, form, submit
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


async def test_three_people_by_form_and_text_see_all_eight_principles(chat: Chat) -> None:
    await chat.say("/coprod check")
    first = await submit(chat, "alex", "2 3 1 4 0 2 3 1", "partner")
    assert first[0]["visibility"] == "private"
    assert "waiting for 2 more" in first[0]["text"]
    second = await submit(chat, "sam", "3 3 2 4 0 1 3 4")
    assert "waiting for 1 more" in second[0]["text"]
    assert not cards_with(second, "check.results")
    third = await chat.say("/coprod check answer 1 2 3 4 0 2 2 1 as staff", user="kim")
    assert "3 people have answered" in third[0]["text"]
    [private_results] = cards_with(third, "check.results")
    assert all(r["visibility"] == "private" for r in third)

    replies = await chat.say("/coprod check results", user="jo")
    [card] = cards_with(replies, "check.results")
    assert replies[0]["visibility"] == "public"
    text = card_text(card)
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
    assert "▄▄▄·  Not yet 1, Starting 1, Developing 1, Embedded 0" in text
    assert "everyone chose Don't know" in text and "Don't know 3" in text
    assert "**One next step** for principle 6" in text  # 2, 1, 2 → 1.7 is the lowest
    assert card["fallback_text"].count("\n") == 8
    assert card_text(private_results) == text


async def test_two_answers_say_waiting_for_one_more(chat: Chat) -> None:
    await chat.say("/coprod check")
    await submit(chat, "alex", "2 3 1 4 0 2 3 1")
    await chat.say("/coprod check answer 2 2 2 2 2 2 2 2", user="sam")
    replies = await chat.say("/coprod check results")
    assert "waiting for 1 more" in replies[0]["text"]
    assert not cards_with(replies, "check.results")
    assert "2 out of 4" not in all_text(replies)


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
    await submit(chat, "sam", "1 1 1 1 1 1 1 1")
    third = await submit(chat, "kim", "1 1 1 1 1 1 1 1")
    assert "3 people have answered" in third[0]["text"]
    assert "1.0 out of 4" in card_text(cards_with(third, "check.results")[0])


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
    assert "already open" in text and "(1 answered so far)" in text
    assert "/coprod check results" in text and "/coprod check close" in text
    assert len(await chat.runtime.store.find("check_rounds")) == 1


async def test_only_the_opener_or_an_admin_can_close(chat: Chat) -> None:
    await chat.say("/coprod check", user="alex")
    refused = await chat.say("/coprod check close", user="sam")
    assert "Only the person who started this check" in refused[0]["text"]
    closed = await chat.say("/coprod check close", user="alex")
    assert "Check 1 has ended with 0 answers" in closed[0]["text"]
    assert "fewer than 3" in closed[0]["text"]
    await chat.say("/coprod check", user="sam")
    by_admin = await chat.say("/coprod check close", user="ada")
    assert "Check 2 has ended" in by_admin[0]["text"]
    nothing = await chat.say("/coprod check close", user="ada")
    assert "no check open" in nothing[0]["text"]


async def test_closing_shows_results_and_stops_answers(chat: Chat) -> None:
    await chat.say("/coprod check")
    for user in ("alex", "sam", "kim"):
        await submit(chat, user, "3 3 3 3 3 3 3 3")
    closed = await chat.say("/coprod check close")
    assert closed[0]["visibility"] == "public"
    assert "Check 1 has ended with 3 answers" in closed[0]["text"]
    assert "ended." in card_text(cards_with(closed, "check.results")[0])
    late = await submit(chat, "jo", "1 1 1 1 1 1 1 1")
    assert "has ended" in late[0]["text"]
    assert await chat.runtime.store.count("check_claims") == 0  # claims go when a round ends
    assert await chat.runtime.store.count("check_answers") == 3


async def test_trend_arrows_across_two_rounds(chat: Chat) -> None:
    await chat.say("/coprod check")
    for user in ("alex", "sam", "kim"):
        await submit(chat, user, "2 3 2 1 0 2 2 2")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    for user in ("alex", "sam", "kim"):
        await submit(chat, user, "3 2 2 1 4 2 2 2", round_key=ROUND2)
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


async def test_rounds_below_three_answers_are_skipped_when_comparing(chat: Chat) -> None:
    await chat.say("/coprod check")
    for user in ("alex", "sam", "kim"):
        await submit(chat, user, "2 2 2 2 2 2 2 2")
    await chat.say("/coprod check close")
    await chat.say("/coprod check")
    await submit(chat, "alex", "4 4 4 4 4 4 4 4", round_key=ROUND2)  # only one answer
    closed = await chat.say("/coprod check close")
    assert "deleted those answers" in closed[0]["text"]
    assert await chat.runtime.store.count("check_answers", round=ROUND2) == 0
    await chat.say("/coprod check")
    for user in ("alex", "sam", "kim"):
        await submit(chat, user, "3 3 3 3 3 3 3 3", round_key="local:local:general#3")
    text = card_text(cards_with(await chat.say("/coprod check results"), "check.results")[0])
    assert "3.0 out of 4 ↑ up from 2.0" in text


async def test_partners_staff_gap_hidden_below_three_per_group(chat: Chat) -> None:
    await chat.say("/coprod check")
    for i in range(2):
        await submit(chat, f"p{i}", "1 1 1 1 1 1 1 1", "partner")
    for i in range(3):
        await submit(chat, f"s{i}", "4 4 4 4 4 4 4 4", "staff")
    await submit(chat, "o1", "2 2 2 2 2 2 2 2", "other")
    text = card_text(cards_with(await chat.say("/coprod check results"), "check.results")[0])
    assert "Partners 1.0" not in text and "staff 4.0" not in text
    assert "widest gap" not in text
    assert "appears once at least 3 partners and 3 staff have answered" in text


async def test_partners_staff_gap_shown_at_three_each_with_the_widest_pointed_out(
    chat: Chat,
) -> None:
    await chat.say("/coprod check")
    for i in range(3):
        await submit(chat, f"p{i}", "2 2 2 1 2 2 2 2", "partner")
    for i in range(3):
        await submit(chat, f"s{i}", "2 3 2 4 2 2 2 3", "staff")
    text = card_text(cards_with(await chat.say("/coprod check results"), "check.results")[0])
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
