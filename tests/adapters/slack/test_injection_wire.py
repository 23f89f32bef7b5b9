"""The injection corpus at the Slack wire: hostile admin prompts and glossary meanings, shown
back through Block Kit, never ping, link or hide anything in what reaches the Web API."""

from __future__ import annotations

import re
from typing import Any

from adapters.slack.render import fallback_text
from bot.model import Reply
from tests.injection import INVISIBLE, cases

from .conftest import SlackClient

SHOWN = cases(include_too_long=False)
ADMIN = "U0ADMIN001"
# Sequences Slack turns into a ping, a mention or a link. (`[a](http…)` is not one: Slack
# mrkdwn has no markdown links; bare URLs are kept from auto-linking by `verbatim`.)
LIVE = re.compile(r"<!channel|<!here|<!everyone|<!subteam\^|<@U|<@W|<#C|<https?:|<mailto:")


def mrkdwn_objects(value: Any) -> list[dict[str, Any]]:
    """Every Block Kit mrkdwn text object in a request body."""
    found = []
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" and "text" in value:
            found.append(value)
        for item in value.values():
            found.extend(mrkdwn_objects(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(mrkdwn_objects(item))
    return found


def assert_inert(slack: SlackClient) -> None:
    texts = slack.fake.texts()
    assert texts
    for text in texts:
        live = LIVE.search(text)
        assert live is None, f"live sequence {live.group(0)!r} in {text[:200]!r}"
        assert not INVISIBLE.search(text), f"invisible character in {text[:200]!r}"
    for call in slack.fake.calls:
        for obj in mrkdwn_objects(call.body):  # Slack must not auto-link bare URLs in them
            assert obj.get("verbatim") is True, obj


async def test_hostile_admin_prompts_and_glossary_meanings_are_inert_on_the_wire(
    slack: SlackClient,
) -> None:
    slack.fake.person(ADMIN, admin=True)
    refused = fallback_text(Reply(text=slack.runtime.core.pack.say("admin.refused")))
    for i, case in enumerate(SHOWN):
        channel = f"CINJ{i:04d}"
        where = {"user_id": ADMIN, "channel_id": channel, "channel_name": f"inj-{i}"}
        start = len(slack.fake.calls)
        for command in (
            f"admin prompts add 4 reflection {case['text']}",
            "admin prompts 4 reflection",  # lists the admin's new wording
            "principle 4",
            f"glossary add GL{i} = {case['text']}",
            f"explain GL{i}",  # shows the glossary meaning
        ):
            await slack.command(command, **where)
            await slack.settle()  # in order: each shows what the one before stored
        answers = [c.body for c in slack.fake.calls[start:] if c.path.startswith("/hooks/")]
        answers += [c.body for c in slack.fake.calls[start:] if c.method == "chat.postMessage"]
        assert len(answers) == 5, case["name"]
        assert all(a["text"] != refused for a in answers), case["name"]
        stored = await slack.runtime.store.find("prompt_overrides", scope="slack:T0001")
        assert any(channel in d["_key"] for d in stored), case["name"]
    await slack.command("glossary", user_id=ADMIN)
    await slack.settle()
    listing = slack.fake.of("hooks")[-1]
    assert "GL0" in listing["text"] and f"GL{len(SHOWN) - 1}" in listing["text"]
    await slack.command("admin audit", user_id=ADMIN)
    await slack.settle()
    # What must be there, as visible text: the pings and links, escaped.
    sent = "\n".join(slack.fake.texts())
    for escaped in ("&lt;!channel&gt;", "&lt;!here&gt;", "&lt;@U123&gt;", "&lt;https://x.example"):
        assert escaped in sent, escaped
    assert_inert(slack)
