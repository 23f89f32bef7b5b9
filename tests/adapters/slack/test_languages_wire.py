"""Languages over Slack at the wire: a person's choice, the channel's language, bilingual posts,
and the locale Slack's `users.info` gives when nobody has chosen."""

from __future__ import annotations

from .conftest import SlackClient

ALEX = "U2147483697"  # the fixture's sender
SAM = "U0SAM"


async def _say(slack: SlackClient, text: str, **fields: str) -> None:
    """One command, handled to the end before the next (Slack handles them concurrently)."""
    await slack.command(text, **fields)
    await slack.settle()


async def _private_text(slack: SlackClient) -> str:
    await slack.settle()
    hooks = slack.fake.of("hooks")
    assert hooks and all(h["response_type"] == "ephemeral" for h in hooks)
    text = hooks[-1]["blocks"][0]["text"]["text"] if hooks[-1].get("blocks") else ""
    return text or hooks[-1]["text"]


async def test_a_persons_choice_changes_their_private_replies(slack: SlackClient) -> None:
    await _say(slack, "language cymraeg")
    assert "Wedi'i wneud" in await _private_text(slack)
    await _say(slack, "help")
    assert await _private_text(slack) == "coprod: beth alla i ei wneud"
    await _say(slack, "cymorth", user_id=SAM)  # the Welsh word works; Sam has not chosen
    assert await _private_text(slack) == "coprod: what I can do"
    await _say(slack, "language easy read")
    await _say(slack, "help")
    assert await _private_text(slack) == "What I can do"


async def test_the_slack_user_locale_is_used_when_nobody_chose(slack: SlackClient) -> None:
    slack.fake.users[ALEX] = {"id": ALEX, "team_id": "T0001", "locale": "cy-GB"}
    await _say(slack, "help")
    assert await _private_text(slack) == "coprod: beth alla i ei wneud"
    assert slack.fake.of("users.info")[-1].get("include_locale") in (True, "1", "true", "True")
    await _say(slack, "language english")  # a choice comes before the platform
    await _say(slack, "help")
    assert await _private_text(slack) == "coprod: what I can do"


async def test_a_channel_language_changes_posts(slack: SlackClient) -> None:
    slack.fake.person(ALEX, admin=True)
    await _say(slack, "admin language cy")
    await _say(slack, "principles", user_id=SAM)
    await slack.settle()
    (post,) = slack.fake.of("chat.postMessage")
    assert post["text"].startswith("Wyth egwyddor cyd-gynhyrchu")
    blocks = str(post["blocks"])
    assert "Co-production should be embedded from the beginning" in blocks  # quoted
    assert "Cyfieithiad answyddogol" in blocks  # our version, labelled


async def test_a_bilingual_channel_posts_welsh_first_then_english(slack: SlackClient) -> None:
    slack.fake.person(ALEX, admin=True)
    await _say(slack, "admin language both")
    await _say(slack, "check", user_id=SAM)
    await slack.settle()
    (post,) = slack.fake.of("chat.postMessage")
    blocks = str(post["blocks"])
    assert blocks.index("Gwiriad cyd-gynhyrchu") < blocks.index("Co-production check")
    assert "Atebwch nawr (dienw) / Answer now (anonymous)" in blocks
