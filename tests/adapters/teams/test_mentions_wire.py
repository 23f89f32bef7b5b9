"""Mentions at the wire: the Teams adapter resolves `<at>…</at>` from the activity's mention
entities, so the core gets each person's id and name, and text without Teams markup."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.context import Context
from bot.model import ChannelMessage, Event, Mention

from .conftest import Teams, as_person

SAM_LEE = "29:1sam-lee-teams-id"


@pytest.fixture
def heard(teams: Teams) -> Iterator[list[Event]]:
    """A real core listener that records the channel messages it hears."""
    seen: list[Event] = []

    async def listener(ctx: Context) -> list:
        seen.append(ctx.event)
        return []

    teams.runtime.core.registry.listeners.setdefault(ChannelMessage, []).append(listener)
    yield seen


async def test_a_channel_message_arrives_with_its_mentions_resolved(
    teams: Teams, heard: list[Event]
) -> None:
    activity = as_person(
        teams.activity(
            "channel_plain",
            text="Thanks <at>Sam Lee</at>, and <at>Alex</at> for the notes.",
        ),
        "29:1alex-teams-id",
        "Alex",
    )
    activity["entities"] += [
        {"type": "mention", "text": "<at>Alex</at>", "mentioned": {"id": "29:1alex-x"}},
        {"type": "mention", "text": "<at>Sam Lee</at>", "mentioned": {"id": SAM_LEE}},
    ]
    status, _ = await teams.post(activity)
    assert status == 201
    (event,) = heard
    assert isinstance(event, ChannelMessage)
    assert event.text == "Thanks @Sam Lee, and @Alex for the notes."
    assert event.mentions == (
        Mention(SAM_LEE, "Sam Lee", "@Sam Lee"),
        Mention("29:1alex-x", "Alex", "@Alex"),
    )


async def test_at_markup_without_an_entity_is_read_as_its_text(
    teams: Teams, heard: list[Event]
) -> None:
    status, _ = await teams.send("channel_plain", text="Ask <at>the ICB</at> first.")
    assert status == 201
    (event,) = heard
    assert isinstance(event, ChannelMessage)
    assert event.text == "Ask the ICB first." and event.mentions == ()
