"""Files on Teams: a reply's file (a report, an export) becomes a card in the person's personal
chat with a Download button: a link the bot serves itself (`adapters.links`), signed and
expiring after 24 hours. Without a public address (COPROD_PUBLIC_URL) there is no link to give,
and the reply says so."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.model import Reply
from bot.prompts import PromptPack

from .render import CARD_TYPE, SCHEMA, VERSION, _text_blocks, card_json, markdown, plain_text


def file_message(reply: Reply, url: str | None, pack: PromptPack) -> dict[str, Any]:
    """The message body for a reply with a file: a card with its link, or a sentence."""
    file = reply.file
    assert file is not None
    if not url:
        text = "\n\n".join(t for t in (reply.text, pack.say("files.no_link", name=file.name)) if t)
        return {"type": "message", "text": markdown(text), "textFormat": "markdown"}
    body: list[dict[str, Any]] = []
    if reply.card is not None:
        body += card_json(replace(reply.card, chart=None))["body"]
    elif reply.text:
        body += _text_blocks(reply.text)
    body += _text_blocks(file.summary)
    body += _text_blocks(pack.say("files.link_note"), size="Small", isSubtle=True)
    card = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "fallbackText": plain_text(f"{file.summary} {url}", inert=True),
        "body": body,
        "actions": [
            {
                "type": "Action.OpenUrl",
                "title": plain_text(pack.say("files.download", name=file.name)),
                "url": url,
            }
        ],
    }
    return {
        "type": "message",
        "summary": plain_text(file.summary, inert=True),
        "attachments": [{"contentType": CARD_TYPE, "content": card}],
    }
