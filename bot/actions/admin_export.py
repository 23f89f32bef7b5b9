"""`admin export actions`: this workspace's actions as CSV, privately, in the reply."""

from __future__ import annotations

from ..admin.request import AdminRequest
from ..csv_text import code_lines
from ..model import Card, Reply, Text
from ..model import Context as Small
from .export import action_rows, to_csv


async def export_actions(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    scope = ctx.ref.scope  # always this workspace only
    rows = await action_rows(ctx.store, scope)
    title = ctx.say("admin.export.actions_title")
    command = f"python app.py export --what actions --scope {scope}"
    if not rows:
        empty = ctx.say("admin.export.actions_empty")
        return req.reply(
            card=Card(
                id="admin.export.actions", title=title, fallback_text=empty, blocks=(Text(empty),)
            )
        )
    channels = len({r["channel"] for r in rows})
    body, shown = code_lines(to_csv(rows))
    summary = ctx.say("admin.export.actions_summary", rows=len(rows), channels=channels)
    blocks: list = [Text(summary), Text(body)]
    if shown < len(rows):
        blocks.append(
            Text(ctx.say("admin.export.actions_cut", shown=shown, rows=len(rows), command=command))
        )
    blocks.append(Small(ctx.say("admin.export.actions_footer", command=command)))
    return req.reply(
        card=Card(
            id="admin.export.actions", title=title, fallback_text=summary, blocks=tuple(blocks)
        )
    )
