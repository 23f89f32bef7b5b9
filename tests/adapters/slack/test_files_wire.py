"""Files at the Slack wire: `admin export` and `report file` upload their file into the
person's direct chat (conversations.open, then files.uploadV2 with that channel and the
file's summary as the comment); the private reply says where it is, or that it failed."""

from __future__ import annotations

from .conftest import SlackClient
from .test_charts_wire import closed_with_results

ADMIN = "U0ADMIN001"


def private_texts(slack: SlackClient) -> list[str]:
    hooks = [h for h in slack.fake.of("hooks") if h.get("response_type") == "ephemeral"]
    texts = [str(h.get("text", "")) for h in hooks]
    texts += [str(e.get("text", "")) for e in slack.fake.of("chat.postEphemeral")]
    blocks = [h.get("blocks", []) for h in hooks]
    return texts + [str(b) for b in blocks]


async def test_admin_export_is_uploaded_into_the_admins_direct_chat(slack: SlackClient) -> None:
    slack.fake.person(ADMIN, admin=True)
    await closed_with_results(slack)
    uploads = len(slack.fake.files)
    await slack.command("admin export", user_id=ADMIN)
    await slack.settle()
    (opened,) = slack.fake.of("conversations.open")
    assert opened["users"] == ADMIN
    file = list(slack.fake.files.values())[uploads]
    assert file["channel"] == "D" + ADMIN[1:] and file["name"].endswith(".csv")
    assert file["data"].decode().startswith("scope,channel")
    assert file["initial_comment"].startswith("Anonymous check results")
    assert any("direct chat with coprod" in t for t in private_texts(slack))


async def test_report_file_is_uploaded_as_html(slack: SlackClient) -> None:
    await closed_with_results(slack)
    await slack.command("report file")
    await slack.settle()
    (file,) = [f for f in slack.fake.files.values() if f["name"].endswith(".html")]
    assert file["channel"].startswith("D")
    assert file["data"].startswith(b"<!DOCTYPE html>")
    assert any("direct chat with coprod" in t for t in private_texts(slack))


async def test_a_file_that_cannot_be_sent_says_so_privately(slack: SlackClient) -> None:
    await closed_with_results(slack)
    slack.fake.fail("conversations.open", error="missing_scope")
    await slack.command("report file")
    await slack.settle()
    assert not [f for f in slack.fake.files.values() if f["name"].endswith(".html")]
    assert any("could not send the file" in t for t in private_texts(slack))
