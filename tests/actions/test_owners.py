"""Owners from the event's mentions: a person by the text that stands for them, a group or
everyone (a mention with no id) refused, and `for <person>` found by that text, not by markup."""

from __future__ import annotations

import pytest

from bot.actions.owners import NotAPerson, Owner, parse_owner
from bot.actions.parse import split_options
from bot.model import ConversationRef, Mention, Platform

TEAMS = ConversationRef(Platform.TEAMS, "tenant-1", "19:abc@thread.tacv2")
SLACK = ConversationRef(Platform.SLACK, "T1", "C1")
SAM = Mention("29:1sam-lee", "Sam Lee", "<@29:1sam-lee|Sam Lee>")
HERE = Mention("", "here", "<!here>")


def test_a_mentioned_owner_is_found_by_its_text_with_its_name() -> None:
    parts = split_options("Send the notes for <@29:1sam-lee|Sam Lee> by Friday p5", [SAM.text])
    assert (parts.text, parts.owner, parts.due, parts.principle) == (
        "Send the notes",
        SAM.text,
        "Friday",
        5,
    )
    assert parse_owner(TEAMS, parts.owner or "", [SAM]) == Owner("29:1sam-lee", "Sam Lee")


def test_a_mention_of_everyone_is_not_a_person() -> None:
    parts = split_options("Book a room for <!here>", [HERE.text])
    assert parts.owner == "<!here>" and parts.text == "Book a room"
    with pytest.raises(NotAPerson) as refused:
        parse_owner(SLACK, "<!here>", [HERE])
    assert refused.value.message_id == "actions.owner.group"


def test_without_the_mentions_markup_stays_text() -> None:
    parts = split_options("Book a room for <@29:1sam-lee|Sam Lee>")
    assert parts.owner is None and parts.text == "Book a room for <@29:1sam-lee|Sam Lee>"
    assert split_options("Book a room for @sam").owner == "@sam"
