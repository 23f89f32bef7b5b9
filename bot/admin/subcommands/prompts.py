"""`admin prompts …`: list prompts with where each comes from; add, edit, disable, enable."""

from __future__ import annotations

import json
from dataclasses import replace

from ...context import Context
from ...markup import plain
from ...model import Button, Buttons, Card, ChatKind, ConversationRef, Reply, Style, Text
from ...model import Context as Small
from ...prompts.kinds import default_kind, first_word, plainly_open
from ...prompts.locale import LOCALES, speaking
from ...prompts.models import KINDS, Answer, Kind
from ...prompts.overrides import Entry
from ...registry import action
from ..dispatch import invalid_reply, refusal
from ..registry import admin_command
from ..request import AdminRequest
from ..validate import Invalid, is_kind, principle_number, prompt_text, take_answer, take_kind

MAX_ADDED = 20  # admin-added prompts per principle and kind, at one level
ADD_CHECK = "admin.prompts.add_check"
MORE = "admin.prompts.more"
# One page of the list: its lines cost at most PAGE_COST (twice their JSON size, ASCII-escaped:
# a look-alike a renderer puts for an escaped character takes at most that), so a Teams card
# stays under 25 KB with its title, notes and buttons, and a Slack message under 50 blocks.
PAGE_COST = 16_000
PAGE_LINES = 24


@admin_command(
    "prompts",
    usage=(
        "admin prompts [principle] [kind] [page <n>]",
        "admin prompts add <principle> <kind> [vote|talk] <text>",
        "admin prompts edit <id> [cy|en|en-easy] <text>",
        "admin prompts disable <id>",
        "admin prompts enable <id>",
    ),
    example=(
        "/coprod admin prompts 4 reflection",
        "/coprod admin prompts add 4 reflection vote Did everyone get a turn to speak?",
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
    page = 1
    while words:
        if words[0].lower() == "page" and len(words) > 1 and words[1].isdigit():
            page, words = max(1, int(words[1])), words[2:]
        elif is_kind(words[0]):
            kind, words = take_kind(words)
        elif number is None:
            number, words = principle_number(words[0]), words[1:]
        else:
            raise Invalid("admin.invalid.kind", typed=words[0][:40])
    return req.reply(card=await listing(req, req.ctx.ref, number, kind, page, req.where()))


def _cost(line: str) -> int:
    return 2 * len(json.dumps(line))


def pages(lines: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """(heading, line) pairs cut into pages within PAGE_COST and PAGE_LINES."""
    out: list[list[tuple[str, str]]] = [[]]
    cost = 0
    for heading, line in lines:
        more = _cost(line) + (_cost(heading) if not out[-1] or out[-1][-1][0] != heading else 0)
        if out[-1] and (cost + more > PAGE_COST or len(out[-1]) >= PAGE_LINES):
            out.append([])
            cost, more = 0, _cost(line) + _cost(heading)
        out[-1].append((heading, line))
        cost += more
    return out


async def listing(
    req: AdminRequest,
    ref: ConversationRef,
    number: int | None,
    kind: Kind | None,
    page: int,
    where: str,
) -> Card:
    """One page of the prompts in use at `ref`, with a "More" button to the next page."""
    ctx = req.ctx
    entries = await ctx.core.prompt_overrides.entries(
        ref, channel=req.channel, kind=kind, number=number
    )
    lines: list[tuple[str, str]] = []
    for entry in entries:
        heading = ctx.say(
            "admin.prompts.heading",
            number=entry.principle,
            title=ctx.pack.principle(entry.principle).title,
            kind=ctx.say(f"admin.kind.{entry.kind}"),
        )
        lines.append((heading, _line(req, entry)))
    cut = pages(lines)
    page = min(page, len(cut))
    blocks: list = [Text(ctx.say("admin.prompts.intro", where=where))]
    groups: dict[str, list[str]] = {}
    for heading, line in cut[page - 1]:
        groups.setdefault(heading, []).append(line)
    for heading, group in groups.items():
        blocks.append(Text(heading + "\n" + "\n".join(group)))
    if len(cut) > 1:
        blocks.append(
            Small(ctx.say("admin.prompts.page", page=page, pages=len(cut), count=len(entries)))
        )
        value = {
            "principle": str(number or ""),
            "kind": kind or "",
            "scope": "all" if req.everywhere else "here",
            "channel": ref.channel,
            "name": ref.channel_name,
        }
        buttons = []
        if page > 1:
            back = {**value, "page": str(page - 1)}
            buttons.append(Button(ctx.say("admin.prompts.back_button"), MORE, back))
        if page < len(cut):
            more = {**value, "page": str(page + 1)}
            buttons.append(Button(ctx.say("admin.prompts.more_button"), MORE, more, Style.PRIMARY))
        blocks.append(Buttons(tuple(buttons)))
    blocks.append(Small(ctx.say("admin.prompts.footer")))
    title = ctx.say("admin.prompts.title")
    return Card(
        id="admin.prompts",
        title=title,
        fallback_text=f"{title}: {len(entries)}",
        blocks=tuple(blocks),
    )


@action(MORE)
async def more_prompts(ctx: Context) -> list[Reply]:
    """The "More" (and "Back") button of a long list: the page it names, in place. Rights are
    checked again; the list is of the channel the admin asked in (on Teams the button is in
    their personal chat), never of another workspace."""
    if not await ctx.is_admin():
        return [await refusal(ctx)]
    value = dict(getattr(ctx.event, "value", {}) or {})
    everywhere = value.get("scope") == "all"
    req = AdminRequest(ctx, ctx.core.registry.admin_commands["prompts"], "", everywhere)
    ref = ctx.ref
    channel = str(value.get("channel") or "")
    if channel and channel != ref.channel and ref.is_direct and not everywhere:
        name = str(value.get("name") or "")
        ref = replace(ref, channel=channel, kind=ChatKind.CHANNEL, thread=None, channel_name=name)
    where = (
        req.where()
        if ref is ctx.ref
        else req.say("admin.where.channel", channel=ref.channel_name or "this")
    )
    try:
        number = principle_number(value["principle"]) if value.get("principle") else None
        kind = next((k for k in KINDS if k == value.get("kind")), None)
        typed_page = str(value.get("page") or "1")
        page = int(typed_page) if typed_page.isdigit() else 1
        card = await listing(req, ref, number, kind, page, where)
    except Invalid as exc:
        return [invalid_reply(ctx, req.spec, exc)]
    return [replace(r, replace_card=True) for r in req.reply(card=card)]


def _line(req: AdminRequest, entry: Entry) -> str:
    ctx = req.ctx
    source = ctx.say(f"admin.source.{entry.text_source}")
    if not entry.enabled:
        state = ctx.say("admin.prompts.off", where=ctx.say(f"admin.source.{entry.state_source}"))
    elif not entry.in_use:
        state = ctx.say("admin.prompts.not_in_use")
    else:
        state = ""
    text = entry.safe_text
    if entry.kind == "reflection":
        answer = entry.answer or default_kind(entry.text)
        text = ctx.say("admin.prompts.answer", answer=ctx.say(f"admin.answer.{answer}"), text=text)
    return ctx.say(
        "admin.prompts.line",
        id=plain(entry.id),
        text=text,
        source=source,
        state=state,
    ).rstrip()


# ---- changes -----------------------------------------------------------------------------


async def _add(req: AdminRequest, words: list[str]) -> list[Reply]:
    if len(words) < 3:
        raise Invalid("admin.invalid.prompts_add")
    number = principle_number(words[0])
    kind, rest = take_kind(words[1:])
    answer: Answer | None = None
    if kind == "reflection":
        answer, rest = take_answer(rest)
    text = prompt_text(" ".join(rest))
    if kind == "reflection":
        answer = answer or default_kind(text)
        if answer == "vote" and plainly_open(text):
            word = first_word(text).capitalize()
            raise Invalid("admin.invalid.open_vote", word=word, number=number)
    if kind == "check_statement":
        return req.reply(card=_check_confirm_card(req, number, text))
    return await _add_prompt(req, number, kind, text, answer)


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
    req = AdminRequest(ctx, ctx.core.registry.admin_commands["prompts"], "", everywhere)
    try:
        number = principle_number(value.get("principle", ""))
        text = prompt_text(value.get("text", ""))
        replies = await _add_prompt(req, number, "check_statement", text)
    except Invalid as exc:
        return [invalid_reply(ctx, req.spec, exc.of_form(1))]
    return [replace(r, replace_card=True) for r in replies]


async def _add_prompt(
    req: AdminRequest, number: int, kind: Kind, text: str, answer: Answer | None = None
) -> list[Reply]:
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
        answer=answer,
    )
    what = f"{kind}, {answer}" if answer else kind
    await req.record(f"prompt {prompt_id} added (principle {number}, {what})", None, text)
    if answer:
        return req.done(
            "admin.prompts.added_reflection",
            id=prompt_id,
            number=number,
            answer=ctx.say(f"admin.answer.{answer}"),
            text=text,
        )
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
    if entry.kind == "reflection" and (entry.answer or default_kind(entry.text)) == "vote":
        if plainly_open(text):
            raise Invalid("admin.invalid.open_vote_edit", word=first_word(text).capitalize())
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
