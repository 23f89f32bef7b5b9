"""How outgoing activities are addressed (issue 16 §5): every post and update carries a
`locale` and, when it answers or writes to a person, their `recipient`; opening a personal
chat names the tenant as `tenantId`, as the Bot Connector's ConversationParameters spell it."""

from __future__ import annotations

from bot.model import ChatKind, ConversationRef, Platform, Reply

from .conftest import BOT_ID, Teams
from .test_wire import ALEX, CHANNEL


async def test_a_reply_in_the_channel_names_its_recipient_and_locale(teams: Teams) -> None:
    status, _ = await teams.send(
        "channel_mention", text="<at>coprod</at> principles", locale="cy-GB"
    )
    assert status == 201
    (post,) = teams.connector.delivered()
    assert post.body["recipient"] == {"id": ALEX, "name": "Alex Smith"}
    assert post.body["locale"] == "cy-GB"  # the person's own tag, as Teams gave it
    assert post.body["from"] == {"id": BOT_ID}


async def test_opening_a_personal_chat_uses_tenantId_and_the_post_is_addressed(
    teams: Teams,
) -> None:
    status, _ = await teams.send("channel_mention", text="<at>coprod</at> help")
    assert status == 201
    create, post = teams.connector.calls
    assert create.path == "/v3/conversations"
    assert create.body["tenantId"] == "tenant-one" and "tenantID" not in create.body
    assert post.conversation == f"a:personal-{ALEX}"
    assert post.body["recipient"]["id"] == ALEX
    assert post.body["locale"] == "en-GB"


async def test_a_proactive_channel_post_carries_a_locale(teams: Teams) -> None:
    ref = ConversationRef(
        Platform.TEAMS,
        "tenant-one",
        CHANNEL,
        ChatKind.CHANNEL,
        endpoint=teams.connector.url,
        bot_id=BOT_ID,
    )
    assert await teams.adapter.outbound.send(ref, Reply(text="Hello all")) is not None
    (post,) = teams.connector.delivered()
    assert post.body["locale"] == "en-GB"
    assert "recipient" not in post.body  # a post to the whole channel answers nobody
