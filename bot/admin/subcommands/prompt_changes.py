"""`admin prompts add|edit|disable|enable`: change one prompt here or workspace-wide."""

from __future__ import annotations

from dataclasses import replace

from ...context import Context
from ...marks import action
from ...markup import plain
from ...model import Button, Buttons, Card, Reply, Style, Text
from ...model import Context as Small
from ...prompts.kinds import default_kind, first_word, plainly_open
from ...prompts.locale import LOCALES, speaking
from ...prompts.models import Answer, Kind
from ...prompts.overrides import Entry
from ..audit import said
from ..dispatch import invalid_reply, refusal
from ..request import AdminRequest
from ..validate import Invalid, principle_number, prompt_text, take_answer, take_kind

MAX_ADDED = 20  # admin-added prompts per principle and kind, at one level
ADD_CHECK = "admin.prompts.add_check"


async def add(req: AdminRequest, words: list[str]) -> list[Reply]:
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
    added = said("admin.audit.what.prompt_added", id=prompt_id, number=number, what=what)
    await req.record(added, None, text)
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


async def edit(req: AdminRequest, words: list[str]) -> list[Reply]:
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
    await req.record(said("admin.audit.what.prompt_wording", id=entry.id), entry.text, text)
    return req.done("admin.prompts.edited", id=entry.id, text=text)


async def switch(req: AdminRequest, words: list[str], *, disable: bool) -> list[Reply]:
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
    on_off = ("on", "off") if disable else ("off", "on")
    await req.record(said("admin.audit.what.prompt", id=entry.id), *on_off)
    return req.done("admin.prompts.disabled" if disable else "admin.prompts.enabled", id=entry.id)
