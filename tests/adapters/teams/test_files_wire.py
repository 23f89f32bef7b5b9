"""Files at the Teams wire: a reply's file reaches the person's personal chat as a card with a
Download button (Action.OpenUrl) to a link the bot serves, signed and expiring after 24 hours;
without a public address the reply says so instead."""

from __future__ import annotations

import aiohttp

from bot.model import File, Reply, User, Visibility

from .conftest import Teams
from .test_wire import ALEX, CHANNEL, element_text

CSV = File(
    data=b"scope,channel\r\nteams:t,c\r\n", name="export.csv", mime="text/csv", summary="1 row"
)


def reply_with_file() -> Reply:
    return Reply(text="Here it is.", visibility=Visibility.PRIVATE, recipient=User(ALEX), file=CSV)


async def channel(teams: Teams):  # type: ignore[no-untyped-def]
    status, _ = await teams.send("channel_mention", text="<at>coprod</at> help")
    assert status == 201
    ref = await teams.runtime.core.conversation(f"teams:tenant-one:{CHANNEL}")
    assert ref is not None
    return ref


async def test_a_file_arrives_as_a_download_card_in_the_personal_chat(teams: Teams) -> None:
    ref = await channel(teams)
    teams.adapter.outbound.public_url = teams.base
    before = len(teams.connector.delivered())
    await teams.adapter.send(ref, reply_with_file())
    (post,) = teams.connector.delivered()[before:]
    assert post.conversation.startswith("a:personal-") and post.conversation != CHANNEL
    card = post.body["attachments"][0]["content"]
    (action,) = card["actions"]
    assert action["type"] == "Action.OpenUrl" and action["title"] == "Download export.csv"
    assert action["url"].startswith(teams.base + "/files/")
    texts = [element_text(e) for e in card["body"]]
    assert "Here it is." in texts and "1 row" in texts and any("24 hours" in t for t in texts)
    async with aiohttp.ClientSession() as session, session.get(action["url"]) as resp:
        assert resp.status == 200 and await resp.read() == CSV.data
        assert resp.headers["Content-Disposition"] == 'attachment; filename="export.csv"'


async def test_without_a_public_address_the_reply_says_there_is_no_link(teams: Teams) -> None:
    ref = await channel(teams)
    teams.adapter.outbound.public_url = ""
    before = len(teams.connector.delivered())
    await teams.adapter.send(ref, reply_with_file())
    (post,) = teams.connector.delivered()[before:]
    assert "attachments" not in post.body
    assert "COPROD_PUBLIC_URL" in post.body["text"] and "/files/" not in post.body["text"]
