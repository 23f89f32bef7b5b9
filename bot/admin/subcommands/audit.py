"""`admin audit`: the last 20 changes in this workspace, newest first."""

from __future__ import annotations

from datetime import datetime

from ...markup import plain
from ...model import Card, Reply, Text
from ...model import Context as Small
from ..audit import SHOWN, AuditLog
from ..registry import admin_command
from ..request import AdminRequest

VALUE_SHOWN = 120


@admin_command("audit", usage="admin audit", example="/coprod admin audit", order=40)
async def audit_admin(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    entries = await AuditLog(ctx.store).recent(ctx.ref, SHOWN)
    title = ctx.say("admin.audit.title")
    if not entries:
        empty = ctx.say("admin.audit.empty")
        return req.reply(
            card=Card(id="admin.audit", title=title, fallback_text=empty, blocks=(Text(empty),))
        )
    blocks: list = [Text(ctx.say("admin.audit.intro", count=len(entries)))]
    for e in entries:
        when = datetime.fromisoformat(e["at"]).strftime("%Y-%m-%d %H:%M UTC")
        where = (
            ctx.say("admin.audit.workspace")
            if e["target"] == "workspace"
            else ctx.say(
                "admin.audit.channel", channel=plain(e.get("channel_name") or e["channel"])
            )
        )
        blocks.append(
            Text(
                ctx.say(
                    "admin.audit.entry",
                    when=when,
                    by=plain(e["by"]),
                    where=where,
                    what=plain(e["what"]),
                    old=plain(e["old"], limit=VALUE_SHOWN) or ctx.say("admin.audit.nothing"),
                    new=plain(e["new"], limit=VALUE_SHOWN) or ctx.say("admin.audit.nothing"),
                )
            )
        )
    blocks.append(Small(ctx.say("admin.audit.footer")))
    fallback = f"{title}: {len(entries)}"
    return req.reply(
        card=Card(id="admin.audit", title=title, fallback_text=fallback, blocks=tuple(blocks))
    )
