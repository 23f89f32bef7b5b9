"""Issue 16 §2 at the Slack wire: a welcome when the bot joins a channel, small talk in a
direct message."""

from __future__ import annotations

from tests.adapters.slack.conftest import SlackClient, fixture


async def test_the_bot_joining_a_channel_posts_one_welcome(slack: SlackClient) -> None:
    await slack.command("help")  # learn the bot's id
    before = len(slack.fake.of("chat.postMessage"))
    body = fixture("member_joined_channel")
    await slack.event(body)
    await slack.event({**body, "event_id": "Ev0LAN672S"})  # joined again later: no second one
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")[before:]
    assert len(posts) == 1
    (post,) = posts
    assert post["channel"] == "C0698JE0H"
    shown = str(post["blocks"])
    assert "Hello, I am coprod" in shown
    for command in ("/coprod help", "/coprod principles", "/coprod jargon"):
        assert command in shown
    assert "/coprod meeting add" in shown and "/coprod check" in shown


async def test_a_person_joining_gets_no_welcome(slack: SlackClient) -> None:
    await slack.command("help")
    before = len(slack.fake.of("chat.postMessage"))
    body = fixture("member_joined_channel")
    body["event"] = {**body["event"], "user": "U2147483697"}
    await slack.event(body)
    await slack.settle()
    assert slack.fake.of("chat.postMessage")[before:] == []


async def test_hello_in_a_direct_message_gets_a_short_friendly_answer(slack: SlackClient) -> None:
    for i, text in enumerate(("hello", "Thank you!")):
        body = fixture("message_im")
        body["event"] = {**body["event"], "text": text, "ts": f"1355517525.00001{i}"}
        await slack.event({**body, "event_id": f"EvHello{i}"})
    await slack.settle()
    posts = slack.fake.of("chat.postMessage")
    assert len(posts) == 2
    hello, thanks = sorted((p["text"] for p in posts), key=lambda t: not t.startswith("Hello"))
    assert hello.startswith("Hello!") and "/coprod help" in hello
    assert thanks.startswith("You are welcome!") and "/coprod help" in thanks
    for text in (hello, thanks):
        assert "I do not know" not in text and "coprod: what I can do" not in text
