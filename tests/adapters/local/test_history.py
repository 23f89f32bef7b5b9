"""The local chat's in-memory history: bounded per channel and in channels, private entries
kept to their person, a slow stream dropped rather than allowed to grow without end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.local.history import QUEUE, History


def test_each_channel_keeps_only_its_most_recent_entries() -> None:
    history = History(per_channel=3, channels=2)
    for n in range(5):
        history.publish("a", {"text": str(n)}, kind="person", author="x")
    assert [e.body["text"] for e in history.entries("a", "x")] == ["2", "3", "4"]
    history.publish("b", {"text": "b"}, kind="post")
    history.publish("a", {"text": "5"}, kind="post")  # a is now the most recent channel
    history.publish("c", {"text": "c"}, kind="post")  # so b, the least recent, goes
    assert history.kept("b") == 0 and history.kept("a") == 3 and history.kept("c") == 1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["p", "q", None])), max_size=60))
def test_the_bounds_hold_and_private_entries_reach_only_their_person(
    posts: list[tuple[str, str | None]],
) -> None:
    history = History(per_channel=5, channels=2)
    for channel, recipient in posts:
        history.publish(channel, {}, kind="reply", recipient=recipient)
    assert sum(history.kept(c) for c in "abc") <= 10
    assert all(history.kept(c) <= 5 for c in "abc")
    for channel in "abc":
        for entry in history.entries(channel, "p"):
            assert entry.recipient in (None, "p")
        seqs = [e.seq for e in history.entries(channel, "q")]
        assert seqs == sorted(seqs)


async def test_a_stream_that_falls_behind_is_closed_not_grown() -> None:
    history = History()
    slow = history.watch("a", "p")
    for n in range(QUEUE + 5):
        history.publish("a", {"n": n}, kind="post")
    assert slow.closed
    assert slow.queue.qsize() == 1 and slow.queue.get_nowait() is None  # only "stop" waits
    history.unwatch(slow)
    assert history.watching("a") == 0


def test_forget_keeps_the_bots_public_posts() -> None:
    history = History()
    history.publish("a", {"text": "mine"}, kind="person", author="p")
    history.publish("a", {"text": "card"}, kind="reply", author="p")  # public, asked by p
    history.publish("a", {"text": "tip"}, kind="reply", author="p", recipient="p")
    history.publish("a", {"text": "theirs"}, kind="person", author="q")
    assert history.forget("p") == 2
    assert [e.body["text"] for e in history.entries("a", "p")] == ["card", "theirs"]
