"""`admin audit [N]`: the last changes in this workspace (20, or N up to 50), newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...context import Context
from ...markup import plain
from ...model import Card, Reply, Text
from ...model import Context as Small
from ..audit import SHOWN, AuditLog
from ..registry import admin_command
from ..request import AdminRequest
from ..validate import Invalid

SETTING = "admin.audit.what.setting"
VALUE_SHOWN = 120
MOST_SHOWN = 50  # one card stays well inside Teams' and Slack's size limits


def setting_in_words(ctx: Context, name: str) -> str | None:
    """A setting's name for people (`nudges.quiet_hours` → "quiet hours"), if it has one."""
    message_id = f"admin.audit.setting.{name}"
    return ctx.say(message_id) if message_id in ctx.pack.messages else None


def in_words(ctx: Context, entry: dict[str, Any], name: str, limit: int = 200) -> str:
    """An entry's `what`, `old` or `new` for this reader: its message id said in their
    language when the entry has one (a setting by its name in words), else the stored text
    (values, and entries written before the record kept ids)."""
    message_id, values = entry.get(f"{name}_id"), entry.get(f"{name}_values") or {}
    if isinstance(message_id, str) and message_id in ctx.pack.messages:
        if message_id == SETTING and (words := setting_in_words(ctx, str(values["setting"]))):
            return words
        return ctx.say(message_id, **{k: plain(str(v), limit=limit) for k, v in values.items()})
    text = str(entry.get(name) or "")
    head, _, setting = text.partition(" ")
    if name == "what" and head == "setting" and (words := setting_in_words(ctx, setting)):
        return words
    return plain(text, limit=limit)


def how_many(typed: str) -> int:
    """`admin audit 50` → 50; nothing → 20. Anything but a whole number is refused."""
    typed = typed.strip()
    if not typed:
        return SHOWN
    if not typed.isdigit() or int(typed) < 1:
        raise Invalid("admin.invalid.audit_count", typed=typed[:40], most=MOST_SHOWN).of_form(1)
    return int(typed)


@admin_command(
    "audit",
    usage=("admin.usage.audit.1", "admin.usage.audit.2"),
    example=("admin.example.audit.1", "admin.example.audit.2"),
    order=40,
)
async def audit_admin(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    asked = how_many(req.args)
    entries = await AuditLog(ctx.store).recent(ctx.ref, min(asked, MOST_SHOWN))
    title = ctx.say("admin.audit.title")
    if not entries:
        empty = ctx.say("admin.audit.empty")
        return req.reply(
            card=Card(id="admin.audit", title=title, fallback_text=empty, blocks=(Text(empty),))
        )
    blocks: list = [Text(ctx.say("admin.audit.intro", count=len(entries)))]
    if asked > MOST_SHOWN:
        blocks.append(Text(ctx.say("admin.audit.most", asked=asked, most=MOST_SHOWN)))
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
                    what=in_words(ctx, e, "what"),
                    old=in_words(ctx, e, "old", VALUE_SHOWN) or ctx.say("admin.audit.nothing"),
                    new=in_words(ctx, e, "new", VALUE_SHOWN) or ctx.say("admin.audit.nothing"),
                )
            )
        )
    blocks.append(Small(ctx.say("admin.audit.footer")))
    fallback = f"{title}: {len(entries)}"
    return req.reply(
        card=Card(id="admin.audit", title=title, fallback_text=fallback, blocks=tuple(blocks))
    )
