"""The adapter contract, asserted alike for every adapter (fake, local, Slack, Teams) at its wire.

Each adapter runs against what its platform would see: the fake's record, the local chat's
history, the fake Slack Web API and the fake Bot Connector (`tests/adapters/`). One fake server
per adapter for the whole module, reset between tests."""

from __future__ import annotations

import json
import logging

import pytest

from bot.model import Reply, Threading, Visibility

from .rigs import SECRET, Rig, alex, card

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_a_private_reply_never_reaches_a_public_endpoint(rig: Rig) -> None:
    reply = Reply(text=f"Yours: {SECRET}", visibility=Visibility.PRIVATE, recipient=alex(rig))
    await rig.adapter.send(rig.ref(), reply)
    public = [w for w in rig.seen() if w.public]
    assert all(SECRET not in json.dumps(w.body, default=str) for w in public), public
    private = [w for w in rig.seen() if not w.public]
    if rig.adapter.capabilities.private_replies:
        assert any(SECRET in json.dumps(w.body, default=str) for w in private), rig.seen()


async def test_a_private_reply_without_a_recipient_is_refused_never_public(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    reply = Reply(text=f"Nobody's: {SECRET}", visibility=Visibility.PRIVATE)
    with caplog.at_level(logging.WARNING):
        sent = await rig.adapter.send(rig.ref(), reply)
    assert sent is None
    assert all(SECRET not in json.dumps(w.body, default=str) for w in rig.seen())
    assert any(r.levelno >= logging.WARNING for r in caplog.records)


async def test_a_thread_reply_lands_in_the_thread(rig: Rig) -> None:
    thread = rig.thread_id
    reply = Reply(text="In the thread", threading=Threading.THREAD)
    sent = await rig.adapter.send(rig.ref().in_thread(thread), reply)
    assert sent is not None
    [wire] = [w for w in rig.seen() if "In the thread" in json.dumps(w.body, default=str)]
    assert wire.public and wire.where == rig.ref().channel
    assert wire.thread == (thread if rig.adapter.capabilities.threads else None)


async def test_a_channel_reply_does_not_land_in_a_thread(rig: Rig) -> None:
    sent = await rig.adapter.send(rig.ref(), Reply(text="In the channel"))
    assert sent is not None
    [wire] = rig.seen()
    assert wire.public and wire.where == rig.ref().channel and wire.thread is None


@pytest.mark.parametrize("private", [False, True])
async def test_every_post_carries_fallback_text(rig: Rig, private: bool) -> None:
    visibility = Visibility.PRIVATE if private else Visibility.PUBLIC
    reply = Reply(
        card=card("Round open", "Fallback words for notifications"),
        visibility=visibility,
        recipient=alex(rig) if private else None,
    )
    assert await rig.adapter.send(rig.ref(), reply) is not None
    seen = rig.seen()
    assert seen
    for wire in seen:
        assert "Fallback words for notifications" in wire.text, wire


async def test_replacing_a_card_works_or_falls_back(rig: Rig) -> None:
    ref = rig.ref()
    message_id = await rig.adapter.send(ref, Reply(card=card("Votes", "Votes: open")))
    assert message_id is not None
    replaced = await rig.adapter.update(ref, message_id, Reply(card=card("Votes", "Votes: 3")))
    # Where the platform replaces posts, the card is replaced at the wire; elsewhere `update`
    # says False, nothing changed, and the caller falls back to a new post.
    assert replaced is rig.adapter.capabilities.update_posts
    assert rig.updated(message_id, "Votes: 3") is replaced


async def test_a_send_the_platform_refuses_returns_none_and_is_logged(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    if not rig.refuse():
        pytest.skip(f"the {rig.name} platform cannot refuse a post (it is this process)")
    with caplog.at_level(logging.WARNING):
        sent = await rig.adapter.send(rig.ref(), Reply(text="Refused"))
    assert sent is None
    assert any(r.levelno >= logging.ERROR for r in caplog.records), caplog.records


async def test_a_key_is_carried_so_delivery_can_be_confirmed(rig: Rig) -> None:
    ref = rig.ref()
    await rig.adapter.send(ref, Reply(text="A nudge", key="nudge-contract-1"))
    delivered = await rig.adapter.delivered(ref, "nudge-contract-1")
    other = await rig.adapter.delivered(ref, "nudge-never-posted")
    if rig.adapter.capabilities.confirms_delivery:
        assert delivered is True and other is False
    else:
        assert delivered is None and other is None
