"""Charts at the Slack wire: a round's results go out with their picture, uploaded first with
files.uploadV2 (files.getUploadURLExternal, the bytes, files.completeUploadExternal), then
shown by a `slack_file` image block whose alt text is the chart's summary; a file still being
processed is waited for; a failed upload leaves the text version alone."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from .conftest import SlackClient
from .test_check_close_wire import answer
from .test_check_wire import CHANNEL, PEOPLE, open_round

UPLOAD = ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]


async def closed_with_results(slack: SlackClient) -> dict[str, Any]:
    """Open a round, have five people answer, close it; return the public closing post."""
    await open_round(slack)
    for i, user in enumerate(PEOPLE):
        await answer(slack, user, "2 3 1 4 0 2 3 1" if i % 2 else "3 3 2 4 1 2 4 2")
    await slack.command("check close")
    await slack.settle()
    posts = [p for p in slack.fake.of("chat.postMessage") if p.get("channel") == CHANNEL]
    return posts[-1]


def images(post: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in post.get("blocks", []) if b["type"] == "image"]


def steps(slack: SlackClient) -> list[str]:
    """The upload steps and posts, in the order they reached the fake Web API."""
    wanted = {*UPLOAD, "files.info", "chat.postMessage"}
    return [
        "upload" if c.path.startswith("/upload/") else c.method
        for c in slack.fake.calls
        if c.method in wanted or c.path.startswith("/upload/")
    ]


async def test_results_are_uploaded_first_then_shown_as_a_slack_file_image(
    slack: SlackClient,
) -> None:
    post = await closed_with_results(slack)
    (image,) = images(post)
    (file,) = slack.fake.files.values()
    assert image["slack_file"] == {"id": file["id"]}
    assert file["data"].startswith(b"\x89PNG") and len(file["data"]) > 10_000
    assert file["channel"] is None  # uploaded privately: only the message shows it
    assert image["alt_text"] == file["alt_txt"] and image["alt_text"].startswith("Averages")
    assert image["title"]["text"] == file["title"]
    # The upload is complete before the message that shows it.
    order = steps(slack)
    last_post = len(order) - 1 - order[::-1].index("chat.postMessage")
    at = [order.index(step) for step in UPLOAD]
    assert at == sorted(at) and at[-1] < last_post
    # The text version is all still there, picture or not.
    texts = " ".join(b["text"]["text"] for b in post["blocks"] if b["type"] == "section")
    assert "1. " in texts and "8. " in texts


async def test_the_same_results_shown_again_reuse_the_uploaded_file(slack: SlackClient) -> None:
    await closed_with_results(slack)
    await slack.command("check results")
    await slack.settle()
    shown = [p for p in slack.fake.of("chat.postMessage") if images(p)]
    assert len(shown) == 2 and len(slack.fake.files) == 1
    assert images(shown[0]) == images(shown[1])


async def test_a_file_still_processing_is_waited_for(slack: SlackClient) -> None:
    slack.fake.processing = 2
    slack.adapter.outbound.pictures.wait = 0.01  # type: ignore[union-attr]
    post = await closed_with_results(slack)
    assert images(post)
    order = steps(slack)
    assert order.count("files.info") == 3
    assert order.index("files.info") < len(order) - 1 - order[::-1].index("chat.postMessage")


@pytest.mark.parametrize(
    "failure",
    [("files.getUploadURLExternal", 200, "missing_scope"), ("upload", 500, "")],
)
async def test_a_failed_upload_leaves_the_text_version(
    slack: SlackClient, caplog: pytest.LogCaptureFixture, failure: tuple[str, int, str]
) -> None:
    method, status, error = failure
    slack.fake.fail(method, status=status, error=error)
    with caplog.at_level(logging.WARNING):
        post = await closed_with_results(slack)
    assert images(post) == []
    texts = " ".join(b["text"]["text"] for b in post["blocks"] if b["type"] == "section")
    assert "1. " in texts and "8. " in texts
    assert "sent as text only" in caplog.text
    assert "files.completeUploadExternal" not in steps(slack)
