"""The reply path of the adapter contract (`Adapter.reply`), asserted alike for every adapter at
its wire: the answers to something a person did, given back with the origin the adapter made
when the interaction arrived (`Rig.origin`)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

import pytest

from bot.model import Reply, Threading, User, Visibility

from .rigs import SECRET, Rig, alex, card

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def answer(
    rig: Rig, replies: Sequence[Reply], *, thread: str | None = None, card_id: str | None = None
) -> None:
    """Alex acted in the rig's channel (in `thread`, on the post `card_id`); `replies` answer."""
    origin = rig.origin(rig.ref().in_thread(thread), alex(rig), card_id)
    await rig.adapter.reply(origin, replies)


def carries(wire_body: object, text: str) -> bool:
    return text in json.dumps(wire_body, default=str)


async def test_a_private_answer_never_reaches_a_public_endpoint(rig: Rig) -> None:
    await answer(rig, [Reply(text=f"Yours: {SECRET}", visibility=Visibility.PRIVATE)])
    assert all(not carries(w.body, SECRET) for w in rig.seen() if w.public), rig.seen()
    if rig.adapter.capabilities.private_replies:
        assert any(carries(w.body, SECRET) for w in rig.seen() if not w.public), rig.seen()


async def test_a_private_answer_for_someone_else_never_reaches_a_public_endpoint(
    rig: Rig,
) -> None:
    sam = User("U0SAM00001" if rig.name == "slack" else "29:sam", "Sam")
    reply = Reply(text=f"For Sam: {SECRET}", visibility=Visibility.PRIVATE, recipient=sam)
    await answer(rig, [reply])
    assert all(not carries(w.body, SECRET) for w in rig.seen() if w.public), rig.seen()


async def test_a_thread_answer_lands_in_the_thread(rig: Rig) -> None:
    thread = rig.thread_id
    await answer(
        rig, [Reply(text="Answered in the thread", threading=Threading.THREAD)], thread=thread
    )
    [wire] = [w for w in rig.seen() if carries(w.body, "Answered in the thread")]
    assert wire.public and wire.where == rig.ref().channel
    assert wire.thread == (thread if rig.adapter.capabilities.threads else None)


async def test_an_answer_in_the_channel_does_not_land_in_a_thread(rig: Rig) -> None:
    await answer(rig, [Reply(text="Answered in the channel")])
    [wire] = [w for w in rig.seen() if carries(w.body, "Answered in the channel")]
    assert wire.public and wire.where == rig.ref().channel and wire.thread is None


@pytest.mark.parametrize("private", [False, True])
async def test_every_answer_carries_fallback_text(rig: Rig, private: bool) -> None:
    visibility = Visibility.PRIVATE if private else Visibility.PUBLIC
    reply = Reply(
        card=card("Round open", "Answer fallback for notifications"), visibility=visibility
    )
    await answer(rig, [reply])
    seen = rig.seen()
    assert seen
    for wire in seen:
        assert "Answer fallback for notifications" in wire.text, wire


async def test_replacing_the_card_clicked_works_or_falls_back(rig: Rig) -> None:
    ref = rig.ref()
    card_id = await rig.adapter.send(ref, Reply(card=card("Votes", "Votes: open")))
    assert card_id is not None
    before = len(rig.seen())
    await answer(rig, [Reply(card=card("Votes", "Votes: 3"), replace_card=True)], card_id=card_id)
    replaced = rig.updated(card_id, "Votes: 3")
    fresh = [w for w in rig.seen()[before:] if "Votes: 3" in w.text]
    # Replaced at the wire, or else posted anew once: never both, never lost.
    assert (replaced and not fresh) or (not replaced and len(fresh) == 1), (replaced, fresh)
    if rig.adapter.capabilities.update_cards and not replaced:
        # The local page replaces the card itself, told so by the entry.
        assert fresh[0].body.get("replace_card") is True, fresh


async def test_an_answer_the_platform_refuses_is_logged(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    if not rig.refuse():
        pytest.skip(f"the {rig.name} platform cannot refuse a post (it is this process)")
    with caplog.at_level(logging.WARNING):
        await answer(rig, [Reply(text="Refused answer")])
    assert any(r.levelno >= logging.ERROR for r in caplog.records), caplog.records
