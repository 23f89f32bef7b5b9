"""`admin prompts [principle] [kind]`: the prompts in effect, where each comes from, by page."""

from __future__ import annotations

import json
from dataclasses import replace

from ...context import Context
from ...marks import action
from ...markup import plain
from ...model import Button, Buttons, Card, ChatKind, ConversationRef, Reply, Style, Text
from ...model import Context as Small
from ...prompts.kinds import default_kind
from ...prompts.models import KINDS, Kind
from ...prompts.overrides import Entry
from ..dispatch import invalid_reply, refusal
from ..request import AdminRequest, where_channel
from ..validate import Invalid, is_kind, principle_number, take_kind

MORE = "admin.prompts.more"
# One page of the list: its lines cost at most PAGE_COST (twice their JSON size, ASCII-escaped:
# a look-alike a renderer puts for an escaped character takes at most that), so a Teams card
# stays under 25 KB with its title, notes and buttons, and a Slack message under 50 blocks.
PAGE_COST = 16_000
PAGE_LINES = 24


async def list_prompts(req: AdminRequest, words: list[str]) -> list[Reply]:
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
    where = req.where() if ref is ctx.ref else where_channel(ctx, ref.channel_name)
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
