"""The largest `admin prompts` list on Slack (issue 16 §5): with 100 added prompts of the
longest wording, every message stays under 50 blocks, none is cut, and "More" pages through
every prompt exactly once."""

from __future__ import annotations

import json
from typing import Any

from bot.model import Platform
from tests.adapters.big_prompts import PROMPT_ID, every_id, seed

from .conftest import SlackClient

MAX_SLACK_BLOCKS = 50


def labelled(blocks: list[dict[str, Any]], label: str) -> dict[str, Any] | None:
    """The button called `label` in Slack blocks, if any."""
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("type") == "button" and element["text"]["text"] == label:
                return element
    return None


async def test_slack_admin_prompts_pages_stay_under_50_blocks(slack: SlackClient) -> None:
    slack.fake.person("U2147483697", admin=True)
    await seed(slack.runtime, "T0001", Platform.SLACK)
    await slack.command("admin prompts --all")
    await slack.settle()
    seen: list[str] = []
    for _ in range(40):
        message = slack.fake.of("hooks")[-1]
        blocks = message["blocks"]
        assert len(blocks) < MAX_SLACK_BLOCKS
        cut = [b for b in blocks if b["type"] == "context" and b["elements"][0]["text"] == "…"]
        assert not cut, "Slack's block limit cut the list"
        seen += PROMPT_ID.findall(json.dumps(blocks).replace("ˍ", "_"))
        more = labelled(blocks, slack.runtime.core.pack.say("admin.prompts.more_button"))
        if more is None:
            break
        await slack.click(more["action_id"], json.loads(more["value"]))
        await slack.settle()
    wanted = await every_id(slack.runtime, "T0001", Platform.SLACK)
    assert len(seen) == len(set(seen)), "a prompt was shown on two pages"
    assert set(seen) == wanted
