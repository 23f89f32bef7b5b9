"""Admin rights at the wire: every registered admin example × {workspace admin, member, guest,
an admin of another workspace}, with rights read from `users.info`. Refusals are private and
change nothing; the admin succeeds. One server for the whole matrix."""

from __future__ import annotations

import json
from typing import Any

import bot.core  # noqa: F401  (registers every command and admin subcommand)
from adapters.slack.render import fallback_text
from bot.admin.subcommands.settings import SAVE
from bot.model import Reply
from runtime.features import shipped_admin_commands as admin_commands
from tests.words import say

from .conftest import SlackClient, submission_payload

EXAMPLES = [say(ex).removeprefix("/coprod ") for spec in admin_commands() for ex in spec.examples]
ADMIN, MEMBER, GUEST, STRANGER, OTHER_ADMIN = (
    "U0ADMIN001",
    "U0MEMBER01",
    "U0GUEST001",
    "U0GUEST002",
    "U0ELSEADM1",
)
UNTRACKED = {"conversations", "slack_signatures"}  # change on any request; no admin state


def people(slack: SlackClient) -> dict[str, str]:
    """Who runs each example, as `users.info` describes them."""
    slack.fake.person(ADMIN, admin=True)
    slack.fake.person(MEMBER)
    slack.fake.person(GUEST, guest="restricted")
    slack.fake.person(STRANGER, guest="ultra_restricted")
    slack.fake.person(OTHER_ADMIN, team="T0002", admin=True, owner=True)  # via a shared channel
    return {
        "member": MEMBER,
        "guest": GUEST,
        "single-channel guest": STRANGER,
        "admin of another workspace": OTHER_ADMIN,
    }


async def snapshot(slack: SlackClient) -> dict[str, Any]:
    store = slack.runtime.store
    return {
        table: sorted(await store.find(table), key=lambda d: d["_key"])
        for table in await store.tables()
        if table not in UNTRACKED
    }


def said_since(slack: SlackClient, start: int) -> list[tuple[str, dict[str, Any]]]:
    """What the bot sent since call number `start`: (method or "hooks", body)."""
    out = []
    for call in slack.fake.calls[start:]:
        if call.path.startswith("/hooks/"):
            out.append(("hooks", call.body))
        elif call.method.startswith(("chat.", "views.")):
            out.append((call.method, call.body))
    return out


async def test_every_admin_example_over_slack(slack: SlackClient) -> None:
    refused = fallback_text(Reply(text=slack.runtime.core.pack.say("admin.refused")))
    refusers = people(slack)
    for example in EXAMPLES:
        for who, user in refusers.items():
            before = await snapshot(slack)
            start = len(slack.fake.calls)
            status, _ = await slack.command(example, user_id=user)
            assert status == 200
            await slack.settle()
            sent = said_since(slack, start)
            assert len(sent) == 1, (example, who, sent)
            way, body = sent[0]
            assert way == "hooks" and body["response_type"] == "ephemeral", (example, who)
            assert body["text"].startswith(refused), (example, who)
            assert await snapshot(slack) == before, (example, who)

        start = len(slack.fake.calls)
        await slack.command(example, user_id=ADMIN)
        await slack.settle()
        sent = said_since(slack, start)
        assert sent, example
        for way, body in sent:
            assert way in ("hooks", "views.open"), (example, way)  # private, or a modal
            assert body.get("response_type", "ephemeral") == "ephemeral"
            assert not str(body.get("text")).startswith(refused), example
    audit = await slack.runtime.store.find("audit")
    assert audit and {d["by"] for d in audit} == {f"slack:{ADMIN}"}


async def test_the_settings_modal_checks_rights_when_it_is_submitted(slack: SlackClient) -> None:
    people(slack)
    refused = fallback_text(Reply(text=slack.runtime.core.pack.say("admin.refused")))
    await slack.command("admin settings", user_id=ADMIN)
    await slack.settle()
    view = slack.fake.of("views.open")[-1]["view"]
    assert json.loads(view["private_metadata"])["a"] == SAVE
    answers = {"timezone": "Europe/Paris", "apply_to": "all"}
    for user in (MEMBER, GUEST, OTHER_ADMIN):  # a form passed on, or an old one
        before = await snapshot(slack)
        await slack.interaction(submission_payload(view, answers, user=user))
        await slack.settle()
        answer = slack.fake.of("chat.postEphemeral")[-1]
        assert answer["user"] == user and answer["text"].startswith(refused)
        assert await snapshot(slack) == before, user
    await slack.interaction(submission_payload(view, answers, user=ADMIN))
    await slack.settle()
    done = slack.fake.of("chat.postEphemeral")[-1]
    assert done["user"] == ADMIN and not done["text"].startswith(refused)
    stored = await slack.runtime.store.get("settings", "slack:T0001:*")
    assert stored is not None and stored["timezone"] == "Europe/Paris"
