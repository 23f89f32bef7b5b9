"""`admin admins [add|remove] <person>`: the admins added in chat, for the whole workspace."""

from __future__ import annotations

import re

from ...markup import plain
from ...model import Reply
from ...platforms import rules_for
from ..audit import said
from ..people import Person, person
from ..registry import admin_command
from ..request import AdminRequest
from ..validate import Invalid

_AT_NAME = re.compile(r"^@[\w.-]{1,64}$")


@admin_command(
    "admins",
    usage=("admin.usage.admins.1", "admin.usage.admins.2", "admin.usage.admins.3"),
    example=("admin.example.admins.1", "admin.example.admins.2", "admin.example.admins.3"),
    order=30,
)
async def admins_admin(req: AdminRequest) -> list[Reply]:
    req.everywhere = True  # the admin list always belongs to the whole workspace or team
    action, _, rest = req.args.partition(" ")
    action = action.lower()
    if not action:
        return await _list(req)
    if action not in ("add", "remove") or not rest.strip():
        raise Invalid("admin.invalid.admins")
    ctx = req.ctx
    rights = ctx.core.rights
    try:
        found = person(ctx.ref, rest, ctx.mentions)
    except Invalid as exc:
        raise exc.of_form(1 if action == "add" else 2) from None
    who = found.id
    shown = f"{ctx.ref.platform}:{who}"
    if action == "add":
        name = written_name(found, rest)
        if not await rights.add(ctx.ref, who, by=req.by, at=req.now(), name=name):
            return req.done("admin.admins.already", person=shown)
        await req.record(said("admin.audit.what.admins"), None, shown)
        return req.done("admin.admins.added", person=shown)
    if not await rights.remove(ctx.ref, who):
        if rights.is_configured(ctx.ref, who):
            return req.done("admin.admins.configured", person=shown)
        return req.done("admin.admins.not_listed", person=shown)
    await req.record(said("admin.audit.what.admins"), shown, None)
    if rights.is_configured(ctx.ref, who):
        return req.done("admin.admins.removed_configured", person=shown)
    return req.done("admin.admins.removed", person=shown)


def written_name(found: Person, text: str) -> str:
    """The display name the admin gave: a mention's ("sam"), or `@sam` typed → "sam"."""
    typed = text.strip()
    if found.name.strip():
        return found.name.strip().lstrip("@")[:80]
    if _AT_NAME.match(typed):
        return typed[1:]
    return ""


async def _list(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    rights = ctx.core.rights
    listed = [plain(f"{ctx.ref.platform}:{d['user']}") for d in await rights.listed(ctx.ref)]
    configured = [plain(c) for c in rights.configured_here(ctx.ref)]
    none = ctx.say("admin.admins.none")
    text = ctx.say(
        rules_for(ctx.ref.platform).admins_hint,
        listed=", ".join(listed) or none,
        configured=", ".join(configured) or none,
    )
    return req.reply(text)
