"""Run an admin call: check rights first (every time), then the subcommand, replying privately.

A refusal changes nothing and tells the person who can help; a bad value gets the correct form
with an example."""

from __future__ import annotations

import logging

from ..context import Context
from ..markup import plain
from ..model import Card, Reply, Text, Visibility
from ..model import Context as Small
from ..parse import suggest
from ..platforms import rules_for
from .registry import AdminSpec, admin_commands
from .request import AdminRequest, CommandForms, take_scope_flag
from .validate import Invalid

log = logging.getLogger(__name__)


async def refusal(ctx: Context) -> Reply:
    """The polite private "only admins can do this", naming who can help: the admins of this
    workspace whose names are known, and how to find the others on this platform."""
    user = ctx.user.id if ctx.user else "?"
    log.info("Refused admin call by %s:%s in %s", ctx.ref.platform, user, ctx.ref.scope)
    names = await admin_names(ctx)
    parts = [ctx.say("admin.refused")]
    if names:
        parts.append(ctx.say("admin.refused.named", names=", ".join(names), count=len(names)))
    parts.append(ctx.say(rules_for(ctx.ref.platform).message("admin.refused.find")))
    return Reply(
        text=" ".join(parts),
        visibility=Visibility.PRIVATE,
        recipient=ctx.user,
        is_error=True,
    )


async def admin_names(ctx: Context, most: int = 5) -> list[str]:
    """Names of this workspace's admins added in chat whose name is known, safe for markdown."""
    names: list[str] = []
    for doc in await ctx.core.rights.listed(ctx.ref):
        name = str(doc.get("name") or "")
        if name and name not in names:
            names.append(name)
    return [plain(n, limit=60) for n in names[:most]]


def form_of(ctx: Context, spec: CommandForms, index: int | None = None) -> str:
    """The correct form of a subcommand and an example, for replies to a bad value."""
    usages = spec.usage if index is None else spec.usage[index : index + 1]
    example = ctx.say(spec.examples[min(index or 0, len(spec.examples) - 1)])
    usage = "\n".join(f"- `{ctx.say(u)}`" for u in usages)
    return ctx.say("admin.correct_form", usage=usage, example=example)


def invalid_reply(ctx: Context, spec: CommandForms, exc: Invalid) -> Reply:
    values = {k: plain(str(v), limit=120) for k, v in exc.values.items()}
    text = ctx.say(exc.message_id, **values) + "\n" + form_of(ctx, spec, exc.form)
    return Reply(
        text=text,
        visibility=Visibility.PRIVATE,
        recipient=ctx.user,
        is_error=True,
    )


async def run_admin(ctx: Context, args: str) -> list[Reply]:
    """`/coprod admin [--all] <name> …`."""
    if not await ctx.is_admin():
        return [await refusal(ctx)]
    everywhere, rest = take_scope_flag(args)
    name, _, sub_args = rest.partition(" ")
    name = name.lower()
    if not name or name in ("help", "?"):
        return [ctx.reply(card=admin_help(ctx), private=True)]
    known = ctx.core.registry.admin_commands
    spec: AdminSpec | None = known.get(name)
    if spec is None:
        guess = suggest(name, sorted(known))
        text = (
            ctx.say("admin.unknown_suggest", typed=plain(name, limit=40), suggestion=guess)
            if guess
            else ctx.say("admin.unknown", typed=plain(name, limit=40))
        )
        return [ctx.reply(text, private=True), ctx.reply(card=admin_help(ctx), private=True)]
    req = AdminRequest(ctx, spec, sub_args.strip(), everywhere or ctx.ref.is_direct)
    try:
        return await spec.handler(req)
    except Invalid as exc:
        return [invalid_reply(ctx, spec, exc)]


def admin_help(ctx: Context) -> Card:
    """Every admin subcommand with its correct form, an example and one line of help."""
    blocks: list = [Text(ctx.say("admin.help.intro"))]
    fallback = [ctx.say("admin.help.title")]
    for spec in admin_commands(ctx.core.registry):
        usage = "\n".join(f"- `{ctx.say(u)}`" for u in spec.usage)
        blocks.append(
            Text(
                ctx.say(
                    "admin.help.entry",
                    summary=ctx.say(spec.summary),
                    usage=usage,
                    example=ctx.say(spec.examples[0]),
                )
            )
        )
        fallback.append(f"{ctx.say(spec.usage[0])}: {ctx.say(spec.summary)}")
    blocks.append(Small(ctx.say("admin.help.scope")))
    return Card(
        id="admin.help",
        title=ctx.say("admin.help.title"),
        fallback_text="\n".join(fallback),
        blocks=tuple(blocks),
    )
