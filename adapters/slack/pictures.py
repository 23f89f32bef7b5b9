"""Charts on Slack: Block Kit has no chart block, so a chart is drawn as a PNG, uploaded with
files.uploadV2 (no channel: the file stays private to the bot until a message shows it) and
shown by an `image` block that names the file (`slack_file`), which works in Socket Mode too,
where the bot has no public address. The image's alt text is the chart's one-line summary.

Slack processes an upload for a moment before a message can show it, so files.info is asked
until the file is ready (a few short waits at most). A file is uploaded once per chart (kept by
a digest of what it shows). Whatever fails (drawing, upload, files.info) is logged and the
message goes without the picture: its text says every number anyway."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.chart import Chart
from bot.charts import render

from .errors import reason

log = logging.getLogger(__name__)
MAX_ALT = 2000  # Slack's limit for an image's alt text and title
READY_CHECKS = 5  # files.info asked at most this many times
READY_WAIT = 0.4  # seconds between them
KEPT = 256  # uploaded files remembered per process


def _cut(text: str, limit: int = MAX_ALT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def image_block(file_id: str, chart: Chart) -> dict[str, Any]:
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": _cut(chart.summary),
        "title": {"type": "plain_text", "text": _cut(chart.title), "emoji": False},
    }


def with_image(blocks: list[dict[str, Any]], image: dict[str, Any]) -> list[dict[str, Any]]:
    """`blocks` with the image before the first divider (under the card's opening lines), or
    at the end."""
    for i, block in enumerate(blocks):
        if block.get("type") == "divider":
            return [*blocks[:i], image, *blocks[i:]]
    return [*blocks, image]


def _ready(info: Any) -> bool:
    file = (info.get("file") or {}) if info else {}
    # An image Slack has processed has its size (and thumbnails); before that it has neither.
    return bool(file.get("original_w") or file.get("thumb_360") or file.get("url_private"))


class ChartUploads:
    """Draws and uploads charts for one workspace's Web API client."""

    async def shown_in(
        self, blocks: list[dict[str, Any]], chart: Chart, channel: str
    ) -> list[dict[str, Any]]:
        """`blocks` with the chart's image among them, or unchanged if it cannot be shown."""
        image = await self.block(chart, channel)
        return blocks if image is None else with_image(blocks, image)

    def __init__(self, client: AsyncWebClient, *, wait: float = READY_WAIT) -> None:
        self.client = client
        self.wait = wait
        self._files: OrderedDict[str, str] = OrderedDict()

    async def block(self, chart: Chart, channel: str) -> dict[str, Any] | None:
        """The image block showing `chart`, or None if it could not be made (logged)."""
        key = render.digest(chart, "png")
        file_id = self._files.get(key)
        if file_id is None:
            try:
                file_id = await self._upload(chart)
            except Exception as exc:
                log.warning(
                    "Slack: chart %s for channel %s not uploaded (%s); sent as text only",
                    chart.id or "chart",
                    channel,
                    reason(exc),
                )
                return None
            if file_id is None:
                return None
            self._files[key] = file_id
            while len(self._files) > KEPT:
                self._files.popitem(last=False)
        return image_block(file_id, chart)

    async def _upload(self, chart: Chart) -> str | None:
        png = await render.png(chart)
        resp = await self.client.files_upload_v2(
            content=png,
            filename=f"{chart.id or 'chart'}.png",
            title=_cut(chart.title),
            alt_txt=_cut(chart.summary),
        )
        file = resp.get("file") or {}
        file_id = str(file.get("id") or "")
        if not file_id:
            log.warning("Slack: files.uploadV2 gave no file id; chart sent as text only")
            return None
        for attempt in range(READY_CHECKS):
            if _ready({"file": file}):
                return file_id
            if attempt:
                await asyncio.sleep(self.wait)
            info = await self.client.files_info(file=file_id)
            file = info.get("file") or {}
        log.warning("Slack: file %s not ready after %d checks; shown anyway", file_id, READY_CHECKS)
        return file_id
