"""Files on Slack: a reply's file (a report, an export) is uploaded with files.uploadV2 into
the person's direct chat with the bot (opened with conversations.open), with its one-line
summary as the comment. Only that person and the bot can see it there."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.model import File

from .errors import reason

log = logging.getLogger(__name__)


async def direct_chat(client: AsyncWebClient, user_id: str) -> str:
    """The id of the person's direct chat with the bot (conversations.open); "" if Slack
    gave none. Raises what the Web API raised."""
    opened = await client.conversations_open(users=user_id)
    return str((opened.get("channel") or {}).get("id") or "")


async def send_file(client: AsyncWebClient, user_id: str, file: File) -> bool:
    """Upload `file` into the direct chat with `user_id`; False (logged) if it failed."""
    try:
        channel = await direct_chat(client, user_id)
        if not channel:
            log.warning("Slack: no direct chat with %s for file %s", user_id, file.name)
            return False
        await client.files_upload_v2(
            channel=channel,
            content=file.data,
            filename=file.name,
            title=file.name,
            initial_comment=file.summary,
        )
    except Exception as exc:
        log.warning("Slack: file %s not sent to %s: %s", file.name, user_id, reason(exc))
        return False
    return True
