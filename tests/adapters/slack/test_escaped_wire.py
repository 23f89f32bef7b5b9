"""Slash commands as Slack sends them with `should_escape: true`: people as `<@U…|name>`,
channels as `<#C…|name>`, links as `<https://…|text>` and `& < >` as entities. Every command
that reads a person, a channel or a link reads these forms (issue 16 §5)."""

from __future__ import annotations

import json
from typing import Any

import yaml

from adapters.slack.escapes import mentions, neutral
from app import main
from bot.actions import records
from bot.jargon.glossary import Glossary
from bot.model import ConversationRef, Mention, Platform

from .conftest import SlackClient, fixture

ME, SAM = "U2147483697", "U0SAM00001"
CHANNEL = "C2147483705"
REF = ConversationRef(Platform.SLACK, "T0001", CHANNEL)


def said(slack: SlackClient) -> str:
    return json.dumps(slack.fake.of("hooks") + slack.fake.of("chat.postMessage"))


async def escaped(slack: SlackClient, text: str | None = None) -> None:
    """Send the escaped fixture (its own text, or `text` as Slack escapes it)."""
    form: dict[str, Any] = fixture("slash_command_escaped")
    fields = {k: v for k, v in form.items() if k not in ("text", "response_url")}
    status, body = await slack.command(text or form["text"], **fields)
    assert status == 200 and body == ""
    await slack.settle()


def test_the_manifest_asks_slack_to_escape_people_channels_and_links(capsys: Any) -> None:
    assert main(["slack-manifest", "--socket"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["features"]["slash_commands"][0]["should_escape"] is True


def test_escaped_text_reads_as_typed() -> None:
    assert neutral("add <@U0SAM00001|sam>") == "add <@U0SAM00001|sam>"
    assert neutral("add <@U0SAM00001>") == "add <@U0SAM00001>"
    assert neutral("in <#C0DEV0001|dev-team> or <#C0DEV0002>") == "in #dev-team or #C0DEV0002"
    assert neutral("see <http://nhs.uk|nhs.uk>") == "see nhs.uk"
    assert neutral("see <https://x.org/a?b=1&amp;c=2>") == "see https://x.org/a?b=1&c=2"
    assert neutral("<https://x.org/p|the plan>") == "<https://x.org/p|the plan>"  # kept inert
    assert neutral("<mailto:a@b.uk|a@b.uk>") == "a@b.uk"
    assert neutral("A&amp;E &lt;b&gt; &amp;amp;") == "A&E <b> &amp;"
    assert neutral("for <!here> <!subteam^S1|@team>") == "for <!here> <!subteam^S1|@team>"


def test_escaped_people_are_the_commands_mentions() -> None:
    typed = neutral("add <@U0SAM00001|sam &amp; co> and <@U0ALEX0001> not <!here>")
    assert mentions(typed) == (
        Mention("U0SAM00001", "sam & co", "<@U0SAM00001|sam & co>"),
        Mention("U0ALEX0001", "", "<@U0ALEX0001>"),
        Mention("", "here", "<!here>"),  # everyone: no one person
    )
    assert all(m.text in typed for m in mentions(typed))


async def test_admin_admins_add_reads_an_escaped_mention(slack: SlackClient) -> None:
    slack.fake.person(ME, admin=True)
    await escaped(slack)
    rights = slack.runtime.core.rights
    assert [d["user"] for d in await rights.listed(REF)] == [SAM]
    assert "slack:U0SAM00001" in said(slack)


async def test_an_action_for_an_escaped_person_keeps_the_text_as_typed(
    slack: SlackClient,
) -> None:
    typed = "action add Book a room &amp; tea, see <https://x.org/r|x.org/r>"
    await escaped(slack, f"{typed} for <@{SAM}|sam>")
    found = await records.get(slack.runtime.store, REF, 1)
    assert found is not None
    assert found.owner == SAM
    assert found.text == "Book a room & tea, see x.org/r"
    assert "&amp;amp;" not in said(slack)


async def test_jargon_check_of_escaped_text_skips_people_channels_and_links(
    slack: SlackClient,
) -> None:
    await escaped(
        slack,
        "jargon We will touch base with <@U0SAM00001|sam> in <#C0DEV0001|leverage> about "
        "<https://example.org/leverage|example.org/leverage> about R&amp;D",
    )
    findings = slack.fake.of("hooks")[-1]["text"]
    assert findings == "Plain-words check: touch base, R&amp;D"  # one escape, as Slack shows
    assert "&amp;amp;" not in said(slack)


async def test_glossary_add_reads_escaped_ampersands_and_links(slack: SlackClient) -> None:
    typed = "glossary add A&amp;E = accident &amp; emergency, see <https://www.nhs.uk|www.nhs.uk>"
    await escaped(slack, typed)
    entry = await Glossary(slack.runtime.store).get(REF.scope, "A&E")
    assert entry is not None
    assert entry.meaning == "accident & emergency, see www.nhs.uk"
