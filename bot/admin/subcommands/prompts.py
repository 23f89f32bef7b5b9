"""`admin prompts …`: list prompts with where each comes from; add, edit, disable, enable."""

from __future__ import annotations

from dataclasses import replace

from ...context import Context
from ...markup import plain
from ...model import Button, Buttons, Card, Reply, Style, Text
from ...model import Context as Small
from ...prompts.locale import LOCALES, speaking
from ...prompts.models import Kind
from ...prompts.overrides import Entry
from ...registry import action
from ..dispatch import invalid_reply, refusal
from ..registry import ADMIN_COMMANDS, admin_command
from ..request import AdminRequest
from ..validate import Invalid, is_kind, principle_number, prompt_text, take_kind

MAX_ADDED = 20  # admin-added prompts per principle and kind, at one level
ADD_CHECK = "admin.prompts.add_check"


@admin_command(
    "prompts",
    usage=(
        "admin prompts [principle] [kind]",
        "admin prompts add <principle> <kind> <text>",
        "admin prompts edit <id> [cy|en|en-easy] <text>",
        "admin prompts disable <id>",
        "admin prompts enable <id>",
    ),
    example=(
        "/coprod admin prompts 4 reflection",
        "/coprod admin prompts add 4 reflection Did everyone get a turn to speak?",
        "/coprod admin prompts edit p4.reflection.1 Did everyone have their say today?",
        "/coprod admin prompts disable p4.reflection.2",
        "/coprod admin prompts enable p4.reflection.2",
    ),
    order=10,
)
async def prompts_admin(req: AdminRequest) -> list[Reply]:
    words = req.args.split()
    action = words[0].lower() if words else ""
    form = {"add": 1, "edit": 2, "disable": 3, "enable": 4}.get(action, 0)
    try:
        if action == "add":
            return await _add(req, words[1:])
        if action == "edit":
            return await _edit(req, words[1:])
        if action in ("disable", "enable"):
            return await _switch(req, words[1:], disable=action == "disable")
        return await _list(req, words)
    except Invalid as exc:
        raise exc.of_form(form) from None


# ---- listing -----------------------------------------------------------------------------


async def _list(req: AdminRequest, words: list[str]) -> list[Reply]:
    number: int | None = None
    kind: Kind | None = None
    while words:
        if is_kind(words[0]):
            kind, words = take_kind(words)
        elif number is None:
            number, words = principle_number(words[0]), words[1:]
        else:
            raise Invalid("admin.invalid.kind", typed=words[0][:40])
    ctx = req.ctx
    entries = await ctx.core.prompt_overrides.entries(
        ctx.ref, channel=req.channel, kind=kind, number=number
    )
    blocks: list = [Text(ctx.say("admin.prompts.intro", where=req.where()))]
    groups: dict[tuple[int, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.principle, entry.kind), []).append(entry)
    for (n, k), group in groups.items():
        principle = ctx.pack.principle(n)
        heading = ctx.say(
            "admin.prompts.heading",
            number=n,
            title=principle.title,
            kind=ctx.say(f"admin.kind.{k}"),
        )
        blocks.append(Text(heading + "\n" + "\n".join(_line(req, e) for e in group)))
    blocks.append(Small(ctx.say("admin.prompts.footer")))
    title = ctx.say("admin.prompts.title")
    card = Card(
        id="admin.prompts",
        title=title,
        fallback_text=f"{title}: {len(entries)}",
        blocks=tuple(blocks),
    )
    return req.reply(card=card)


def _line(req: AdminRequest, entry: Entry) -> str:
    ctx = req.ctx
    source = ctx.say(f"admin.source.{entry.text_source}")
    if not entry.enabled:
        state = ctx.say("admin.prompts.off", where=ctx.say(f"admin.source.{entry.state_source}"))
    elif not entry.in_use:
        state = ctx.say("admin.prompts.not_in_use")
    else:
        state = ""
    return ctx.say(
        "admin.prompts.line",
        id=plain(entry.id),
        text=entry.safe_text,
        source=source,
        state=state,
    ).rstrip()


# ---- changes -----------------------------------------------------------------------------


async def _add(req: AdminRequest, words: list[str]) -> list[Reply]:
    if len(words) < 3:
        raise Invalid("admin.invalid.prompts_add")
    number = principle_number(words[0])
    kind, rest = take_kind(words[1:])
    text = prompt_text(" ".join(rest))
    if kind == "check_statement":
        return req.reply(card=_check_confirm_card(req, number, text))
    return await _add_prompt(req, number, kind, text)


def _check_confirm_card(req: AdminRequest, number: int, text: str) -> Card:
    """A new check statement ends comparison with earlier rounds: say so, and ask first."""
    ctx = req.ctx
    warning = ctx.say(
        "admin.prompts.check_confirm",
        number=number,
        title=ctx.pack.principle(number).title,
        text=plain(text),
        where=req.where(),
    )
    value = {"principle": str(number), "text": text, "scope": "all" if req.everywhere else "here"}
    return Card(
        id="admin.prompts.check_confirm",
        title=ctx.say("admin.prompts.check_confirm_title", number=number),
        fallback_text=warning,
        blocks=(
            Text(warning),
            Buttons(
                (Button(ctx.say("admin.prompts.check_button"), ADD_CHECK, value, Style.DANGER),)
            ),
            Small(ctx.say("admin.prompts.check_leave")),
        ),
    )


@action(ADD_CHECK)
async def add_check_confirmed(ctx: Context) -> list[Reply]:
    """The "Replace the check statement" button: rights and the wording are checked again."""
    if not await ctx.is_admin():
        return [await refusal(ctx)]
    value = dict(getattr(ctx.event, "value", {}) or {})
    everywhere = value.get("scope") == "all" or ctx.ref.is_direct
    req = AdminRequest(ctx, ADMIN_COMMANDS["prompts"], "", everywhere)
    try:
        number = principle_number(value.get("principle", ""))
        text = prompt_text(value.get("text", ""))
        replies = await _add_prompt(req, number, "check_statement", text)
    except Invalid as exc:
        return [invalid_reply(ctx, req.spec, exc.of_form(1))]
    return [replace(r, replace_card=True) for r in replies]


async def _add_prompt(req: AdminRequest, number: int, kind: Kind, text: str) -> list[Reply]:
    ctx = req.ctx
    overrides = ctx.core.prompt_overrides
    mine = [
        e
        for e in await overrides.entries(ctx.ref, channel=req.channel, kind=kind, number=number)
        if e.added_at == ("workspace" if req.everywhere else "channel")
    ]
    if len(mine) >= MAX_ADDED:
        raise Invalid("admin.invalid.too_many", limit=MAX_ADDED)
    prompt_id = await overrides.add(
        ctx.ref,
        channel=req.channel,
        number=number,
        kind=kind,
        text=text,
        by=req.by,
        at=req.now(),
    )
    await req.record(f"prompt {prompt_id} added (principle {number}, {kind})", None, text)
    return req.done(
        "admin.prompts.added",
        id=prompt_id,
        number=number,
        kind=ctx.say(f"admin.kind.{kind}"),
        text=text,
    )


async def _entry(req: AdminRequest, prompt_id: str) -> Entry:
    ctx = req.ctx
    wanted = prompt_id.strip().lower()
    entry = await ctx.core.prompt_overrides.find(ctx.ref, wanted, channel=req.channel)
    if entry is None:
        raise Invalid("admin.invalid.prompt_id", typed=prompt_id[:80])
    return entry


async def _edit(req: AdminRequest, words: list[str]) -> list[Reply]:
    """The wording in one locale: the one named after the id, else the admin's own."""
    locale = req.ctx.locale
    if len(words) > 2 and words[1].lower() in (*LOCALES, "easy"):
        locale = "en-easy" if words[1].lower() == "easy" else words[1].lower()
        words = [words[0], *words[2:]]
    if len(words) < 2:
        raise Invalid("admin.invalid.prompts_edit")
    with speaking(locale):
        return await _edit_in_locale(req, words)


async def _edit_in_locale(req: AdminRequest, words: list[str]) -> list[Reply]:
    entry = await _entry(req, words[0])
    text = prompt_text(" ".join(words[1:]))
    if text == entry.text:
        return req.done("admin.prompts.unchanged", id=entry.id)
    await req.ctx.core.prompt_overrides.change(
        req.ctx.ref, entry, channel=req.channel, by=req.by, at=req.now(), text=text
    )
    await req.record(f"prompt {entry.id} wording", entry.text, text)
    return req.done("admin.prompts.edited", id=entry.id, text=text)


async def _switch(req: AdminRequest, words: list[str], *, disable: bool) -> list[Reply]:
    if len(words) != 1:
        raise Invalid("admin.invalid.prompts_switch")
    entry = await _entry(req, words[0])
    if entry.enabled != disable:
        return req.done(
            "admin.prompts.already_off" if disable else "admin.prompts.already_on", id=entry.id
        )
    ctx = req.ctx
    if disable:
        siblings = await ctx.core.prompt_overrides.entries(
            ctx.ref, channel=req.channel, kind=entry.kind, number=entry.principle
        )
        if not any(e.enabled and e.id != entry.id for e in siblings):
            raise Invalid("admin.invalid.last_prompt", kind=ctx.say(f"admin.kind.{entry.kind}"))
    await ctx.core.prompt_overrides.change(
        ctx.ref, entry, channel=req.channel, by=req.by, at=req.now(), disabled=disable
    )
    await req.record(f"prompt {entry.id}", "on" if disable else "off", "off" if disable else "on")
    return req.done("admin.prompts.disabled" if disable else "admin.prompts.enabled", id=entry.id)
