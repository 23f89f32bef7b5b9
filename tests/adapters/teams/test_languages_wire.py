"""Languages over Teams at the wire: a person's choice, the channel's language, bilingual posts,
and the `locale` Teams sends on each activity when nobody has chosen."""

from __future__ import annotations

from .conftest import Teams
from .test_wire import card_of, card_text


def _last_title(teams: Teams) -> str:
    return str(card_of(teams.connector.calls[-1].body)["body"][0]["text"])


async def test_a_persons_choice_changes_their_private_replies(teams: Teams) -> None:
    await teams.send("personal_message", text="language cymraeg")
    await teams.send("channel_mention", text="<at>coprod</at> help")
    assert _last_title(teams) == "coprod: beth alla i ei wneud"
    await teams.send("channel_mention", text="<at>coprod</at> iaith easy read")
    await teams.send("channel_mention", text="<at>coprod</at> help")
    assert _last_title(teams) == "What I can do"


async def test_the_teams_locale_is_used_when_nobody_chose(teams: Teams) -> None:
    await teams.send("channel_mention", text="<at>coprod</at> help", locale="cy-GB")
    assert _last_title(teams) == "coprod: beth alla i ei wneud"
    await teams.send("channel_mention", text="<at>coprod</at> help", locale="en-GB")
    assert _last_title(teams) == "coprod: what I can do"


async def test_a_channel_language_changes_posts(admin_teams: Teams) -> None:
    teams = admin_teams
    await teams.send("channel_mention", text="<at>coprod</at> admin language cy")
    await teams.send("channel_mention", text="<at>coprod</at> principles")
    post = teams.connector.calls[-1]
    assert post.conversation.startswith("19:")  # a channel post
    assert post.body["summary"].startswith("Wyth egwyddor cyd-gynhyrchu")
    text = card_text(card_of(post.body))
    assert "Co-production should be embedded from the beginning" in text
    assert "Cyfieithiad answyddogol" in text
    # the person's own replies follow their Teams language (en-GB in the fixture)
    await teams.send("channel_mention", text="<at>coprod</at> help")
    assert _last_title(teams) == "coprod: what I can do"


async def test_a_bilingual_channel_posts_welsh_first_then_english(admin_teams: Teams) -> None:
    teams = admin_teams
    await teams.send("channel_mention", text="<at>coprod</at> admin language both")
    await teams.send("channel_mention", text="<at>coprod</at> check")
    posts = [c for c in teams.connector.calls if c.conversation.startswith("19:")]
    card = card_of(posts[-1].body)
    text = str(card)
    assert text.index("Gwiriad cyd-gynhyrchu") < text.index("Co-production check")
    assert "Atebwch nawr (dienw) / Answer now (anonymous)" in text
